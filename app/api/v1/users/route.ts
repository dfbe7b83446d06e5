import { jsonRoute } from "@/lib/api/json-route";
import { listUsers } from "@/lib/services";

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
