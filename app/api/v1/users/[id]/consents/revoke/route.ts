import { jsonRoute, readBody } from "@/lib/api/json-route";
import { RevokeUserConsentsBody } from "@/lib/api/openapi/paths/users";
import { NotFoundError, revokeUserConsents } from "@/lib/services";

/**
 * Revokes the listed consents of this user, `{ "consentIds": ["…"] }`. Consents already gone are
 * skipped; if none was left to revoke the answer is 404.
 */
export const POST = jsonRoute<{ id: string }>("consents.revoke", async (req, ctx, { id }) => {
  const { consentIds } = await readBody(req, RevokeUserConsentsBody);
  const revoked = await revokeUserConsents({ ctx, input: { userId: id, consentIds } });
  if (revoked.length === 0) throw new NotFoundError("Consent");
  return { revoked };
});
