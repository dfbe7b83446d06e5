import { corsPreflight, withCors } from "@/lib/oauth/metadata";
import { statusListAggregationResponse } from "@/lib/services/oauth/status-list-responses";

/** draft-ietf-oauth-status-list §9.3: every status list of this server, for prefetching. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withCors(await statusListAggregationResponse((await params).slug));
}

export const OPTIONS = corsPreflight;
