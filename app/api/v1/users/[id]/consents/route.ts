import { jsonRoute } from "@/lib/api/json-route";
import { getUserAccess } from "@/lib/services";

/** The consents a user holds, on every server (the user page's list, the same service verb). */
export const GET = jsonRoute<{ id: string }>("users.read", async (_req, ctx, { id }) => ({
  consents: (await getUserAccess({ ctx, userId: id })).consents,
}));
