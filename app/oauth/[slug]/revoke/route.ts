import { corsPreflight, withCors } from "@/lib/oauth/metadata";
import { revocationEndpoint } from "@/lib/services/oauth/endpoints";

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withCors(await revocationEndpoint(request, (await params).slug));
}

export const OPTIONS = corsPreflight;
