import { jsonRoute, readBody } from "@/lib/api/json-route";
import { ConfirmNameBody } from "@/lib/api/openapi/paths/bodies";
import { revokeAllClientConsents } from "@/lib/services";

type Params = { slug: string; id: string };

/** Revokes every consent of this client, confirmed by its name: `{ "confirmName": "…" }`. */
export const POST = jsonRoute<Params>("consents.revoke", async (req, ctx, { slug, id }) => {
  const { confirmName } = await readBody(req, ConfirmNameBody);
  return {
    revoked: await revokeAllClientConsents({
      ctx,
      serverSlug: slug,
      clientId: id,
      confirmName,
    }),
  };
});
