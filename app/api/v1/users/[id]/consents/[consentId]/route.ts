import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { NotFoundError, revokeUserConsents } from "@/lib/services";

type Params = { id: string; consentId: string };

/**
 * Revokes one consent of this user; its refresh and access tokens stop at once. A consent already
 * gone (or another user's) is 404, so a retried call is told rather than answered with a 500.
 */
export const DELETE = jsonRoute<Params>("consents.revoke", async (req, ctx, { id, consentId }) => {
  await readBody(req, EmptyBody);
  const [revoked] = await revokeUserConsents({ ctx, input: { userId: id, consentIds: [consentId] } });
  if (!revoked) throw new NotFoundError("Consent");
  return { revoked };
});
