// RFC 8414 metadata for the issuer ${GATEHOUSE_URL}/oauth/{slug} (MCP clients try this URL among
// the path-inserted variants; every variant serves the same document).
import { corsPreflight, withCors } from "@/lib/oauth/metadata";
import { metadataResponse } from "@/lib/services/oauth/discovery";

export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withCors(await metadataResponse((await params).slug));
}

export const OPTIONS = corsPreflight;
