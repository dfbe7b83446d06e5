import { jsonRoute, readBody, readPatchBody } from "@/lib/api/json-route";
import { ConfirmNameBody } from "@/lib/api/openapi/paths/bodies";
import { UpdateClientBody } from "@/lib/api/openapi/paths/clients";
import { deleteClient, getClient, updateClient } from "@/lib/services";

type Params = { slug: string; id: string };

export const GET = jsonRoute<Params>("clients.read", async (_req, ctx, { slug, id }) => ({
  client: await getClient({ ctx, serverSlug: slug, clientId: id }),
}));

export const PATCH = jsonRoute<Params>("clients.write", async (req, ctx, { slug, id }) => {
  const body = await readPatchBody(req, UpdateClientBody);
  const current = await getClient({ ctx, serverSlug: slug, clientId: id });
  const input = {
    name: current.name,
    description: current.description,
    redirectUris: current.redirectUris,
    allowedScopes: current.allowedScopes,
    ...body,
    clientId: current.id,
  };
  return { client: await updateClient({ ctx, serverSlug: slug, input }) };
});

/** Deleting is irreversible: the body must repeat the client's name, { "confirmName": "…" }. */
export const DELETE = jsonRoute<Params>("clients.delete", async (req, ctx, { slug, id }) => {
  const body = await readBody(req, ConfirmNameBody);
  await deleteClient({ ctx, serverSlug: slug, input: { clientId: id, confirmName: body.confirmName } });
  return new Response(null, { status: 204 });
});
