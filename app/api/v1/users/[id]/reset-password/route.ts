import { jsonRoute } from "@/lib/api/json-route";
import { resetUserPassword } from "@/lib/services";

/** A new temporary password, in this response only; the user's dashboard sessions end. */
export const POST = jsonRoute<{ id: string }>("users.write", async (_req, ctx, { id }) =>
  resetUserPassword({ ctx, userId: id }),
);
