import { readScimBody, scimJson, scimRoute } from "@/lib/api/scim-route";
import { parseFilter } from "@/lib/scim/filter";
import { listResponse, parsePaging } from "@/lib/scim/list";
import { toScimUser } from "@/lib/scim/user";
import { createScimUser, listScimUsers } from "@/lib/services";

export const GET = scimRoute(async ({ req, caller, ctx, baseUrl }) => {
  const params = new URL(req.url).searchParams;
  const filterText = params.get("filter");
  const filter = filterText === null ? [] : parseFilter(filterText);
  const paging = parsePaging(params);
  const { users, totalResults } = await listScimUsers({ ctx, caller, filter, paging });
  return scimJson(
    listResponse(
      users.map((u) => toScimUser(u, baseUrl)),
      totalResults,
      paging.startIndex,
    ),
  );
});

export const POST = scimRoute(async ({ req, caller, ctx, baseUrl }) => {
  const user = toScimUser(await createScimUser({ ctx, caller, body: await readScimBody(req) }), baseUrl);
  return scimJson(user, 201, { Location: user.meta.location });
});
