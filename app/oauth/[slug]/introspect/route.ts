import { corsPreflight, withCors } from "@/lib/oauth/metadata";
import { introspectionEndpoint } from "@/lib/services/oauth/endpoints";

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withCors(await introspectionEndpoint(request, (await params).slug));
}

export const OPTIONS = corsPreflight;
