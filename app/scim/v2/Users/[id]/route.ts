import { readScimBody, scimJson, scimRoute } from "@/lib/api/scim-route";
import { toScimUser } from "@/lib/scim/user";
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@/lib/services";

type Params = { id: string };

export const GET = scimRoute<Params>(async ({ caller, ctx, baseUrl }, { id }) =>
  scimJson(toScimUser(await getScimUser({ ctx, caller, userId: id }), baseUrl)),
);

export const PUT = scimRoute<Params>(async ({ req, caller, ctx, baseUrl }, { id }) =>
  scimJson(toScimUser(await replaceScimUser({ ctx, caller, userId: id, body: await readScimBody(req) }), baseUrl)),
);

export const PATCH = scimRoute<Params>(async ({ req, caller, ctx, baseUrl }, { id }) =>
  scimJson(toScimUser(await patchScimUser({ ctx, caller, userId: id, body: await readScimBody(req) }), baseUrl)),
);

export const DELETE = scimRoute<Params>(async ({ caller, ctx }, { id }) => {
  await deleteScimUser({ ctx, caller, userId: id });
  return new Response(null, { status: 204 });
});
