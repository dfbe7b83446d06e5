import { jsonRoute, readBody } from "@/lib/api/json-route";
import { RevokeConsentsBody } from "@/lib/api/openapi/paths/consents";
import { NotFoundError, revokeClientConsents } from "@/lib/services";

type Params = { slug: string; id: string };

/**
 * Revokes the listed consents of this client, `{ "consentIds": ["…"] }`. Consents already gone are
 * skipped; if none of them was there to revoke the answer is 404, so a retry is told, not a 500.
 */
export const POST = jsonRoute<Params>("consents.revoke", async (req, ctx, { slug, id }) => {
  const revoked = await revokeClientConsents({
    ctx,
    serverSlug: slug,
    clientId: id,
    input: await readBody(req, RevokeConsentsBody),
  });
  if (revoked.length === 0) throw new NotFoundError("Consent");
  return { revoked };
});
