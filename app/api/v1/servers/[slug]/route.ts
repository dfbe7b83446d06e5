import { jsonRoute, readBody, readPatchBody } from "@/lib/api/json-route";
import { ConfirmNameBody } from "@/lib/api/openapi/paths/bodies";
import { UpdateServerBody } from "@/lib/api/openapi/paths/servers";
import { deleteServer, getServerBySlug, patchServer } from "@/lib/services";

type Params = { slug: string };

export const GET = jsonRoute<Params>("servers.read", async (_req, ctx, { slug }) => ({
  server: await getServerBySlug({ ctx, slug }),
}));

/** A partial update: fields left out keep their current values (scopes, when sent, replace the list). */
export const PATCH = jsonRoute<Params>("servers.write", async (req, ctx, { slug }) => ({
  server: await patchServer({ ctx, slug, changes: await readPatchBody(req, UpdateServerBody) }),
}));

/**
 * Deleting is irreversible and takes the server's clients, consents and tokens with it: the body
 * must repeat the server's name, { "confirmName": "…" }. Answers with what was taken down.
 */
export const DELETE = jsonRoute<Params>("servers.write", async (req, ctx, { slug }) => {
  const body = await readBody(req, ConfirmNameBody);
  return { deleted: await deleteServer(ctx, { slug, confirmName: body.confirmName }) };
});
