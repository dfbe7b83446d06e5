import { jsonRoute } from "@/lib/api/json-route";
import { listClientConsents } from "@/lib/services";

type Params = { slug: string; id: string };

/** One page (25) of the users who consented to this client: `?q=` searches email or name, `?cursor=` pages. */
export const GET = jsonRoute<Params>("consents.read", async (req, ctx, { slug, id }) =>
  listClientConsents({ ctx, serverSlug: slug, clientId: id, input: Object.fromEntries(new URL(req.url).searchParams) }),
);
