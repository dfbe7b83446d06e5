import { notFound } from "next/navigation";
import { getClient, NotFoundError } from "@/lib/services";
import { loadServer } from "../../load-server";

/** The server and one of its clients for a client page; a client of another server is "not found". */
export async function loadClient(slug: string, id: string, tab: string) {
  const { user, ctx, server } = await loadServer(slug, `/servers/${slug}/clients/${id}${tab}`);
  try {
    return { user, ctx, server, client: await getClient({ ctx, serverSlug: server.slug, clientId: id }) };
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
