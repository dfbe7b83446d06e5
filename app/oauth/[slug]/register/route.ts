import { corsPreflight, withCors } from "@/lib/oauth/metadata";
import { registrationEndpoint } from "@/lib/services/oauth/register-client";

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withCors(await registrationEndpoint(request, (await params).slug));
}

export const OPTIONS = corsPreflight;
