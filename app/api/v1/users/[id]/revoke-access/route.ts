import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { revokeAllUserAccess } from "@/lib/services";

/** Offboarding: revokes every consent the user holds, on every server; their tokens die with them. */
export const POST = jsonRoute<{ id: string }>("consents.revoke", async (req, ctx, { id }) => {
  await readBody(req, EmptyBody);
  return {
    revoked: await revokeAllUserAccess({ ctx, userId: id }),
  };
});
