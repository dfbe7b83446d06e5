import { idempotent } from "@/lib/api/idempotency";
import { jsonRoute, readBody } from "@/lib/api/json-route";
import { CreateClientBody } from "@/lib/api/openapi/paths/clients";
import { createClient, listClients } from "@/lib/services";

type Params = { slug: string };

export const GET = jsonRoute<Params>("clients.read", async (req, ctx, { slug }) =>
  listClients({ ctx, serverSlug: slug, input: Object.fromEntries(new URL(req.url).searchParams) }),
);

/** Pre-register a client. The response holds client_secret once; it is never retrievable again. */
export const POST = jsonRoute<Params>(
  "clients.write",
  idempotent(async (req, ctx, { slug }) => {
    const body = await readBody(req, CreateClientBody);
    const result = await createClient({ ctx, serverSlug: slug, input: body });
    return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
  }),
);
