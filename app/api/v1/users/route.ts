import { idempotent } from "@/lib/api/idempotency";
import { jsonRoute, readBody } from "@/lib/api/json-route";
import { CreateUserBody } from "@/lib/api/openapi/paths/users";
import { createEndUser, listUsers } from "@/lib/services";

/** `?q=` searches email and name; `?kind=staff` keeps dashboard members; `?limit=` up to 500. */
export const GET = jsonRoute("users.read", async (req, ctx) => {
  const params = new URL(req.url).searchParams;
  const limit = params.get("limit");
  const input = {
    q: params.get("q") ?? undefined,
    kind: params.get("kind") ?? undefined,
    limit: limit === null ? undefined : Number(limit),
  };
  return { users: await listUsers({ ctx, input: input as Parameters<typeof listUsers>[0]["input"] }) };
});

/** Adds an end user; the temporary password or invite link is in this response only. */
export const POST = jsonRoute(
  "users.write",
  idempotent(async (req, ctx) => {
    const result = await createEndUser({ ctx, input: await readBody(req, CreateUserBody) });
    return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
  }),
);
