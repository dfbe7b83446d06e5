import { corsPreflight, withCors } from "@/lib/oauth/metadata";
import { statusListResponse } from "@/lib/services/oauth/status-list-responses";

/** draft-ietf-oauth-status-list §8: the Status List Token (application/statuslist+jwt). */
export async function GET(
  req: Request,
  { params }: { params: Promise<{ slug: string; id: string }> },
): Promise<Response> {
  const { slug, id } = await params;
  return withCors(await statusListResponse(slug, id, req.headers.get("if-none-match")));
}

export const OPTIONS = corsPreflight;
