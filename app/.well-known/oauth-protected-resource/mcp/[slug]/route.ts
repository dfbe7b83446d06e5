// RFC 9728 metadata of the built-in demo MCP endpoint /mcp/{slug}. Logic: lib/mcp/protected-resource.ts.
import { handleProtectedResourceMetadataRequest } from "@/lib/mcp/protected-resource";

type Context = { params: Promise<{ slug: string }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  return handleProtectedResourceMetadataRequest(request, { slug: (await params).slug });
}

export const GET = handle;
export const OPTIONS = handle;
