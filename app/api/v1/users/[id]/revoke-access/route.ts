import { jsonRoute } from "@/lib/api/json-route";
import { revokeAllUserAccess } from "@/lib/services";

/** Offboarding: revokes every consent the user holds, on every server; their tokens die with them. */
export const POST = jsonRoute<{ id: string }>("consents.revoke", async (_req, ctx, { id }) => ({
  revoked: await revokeAllUserAccess({ ctx, userId: id }),
}));
