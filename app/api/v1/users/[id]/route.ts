import { jsonRoute } from "@/lib/api/json-route";
import { getUserAccess } from "@/lib/services";

/** The user with the consents they hold on every server. */
export const GET = jsonRoute<{ id: string }>("users.read", async (_req, ctx, { id }) =>
  getUserAccess({ ctx, userId: id }),
);
