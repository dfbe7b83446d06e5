import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { resetUserPassword } from "@/lib/services";

/** A new temporary password, in this response only; the user's dashboard sessions end. */
export const POST = jsonRoute<{ id: string }>("users.write", async (req, ctx, { id }) => {
  await readBody(req, EmptyBody);
  return Response.json(await resetUserPassword({ ctx, userId: id }), { headers: { "Cache-Control": "no-store" } });
});
