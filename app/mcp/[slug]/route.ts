// The built-in demo MCP server (protected resource). All protocol work is in lib/mcp/demo-server.ts.
import { handleDemoMcpRequest } from "@/lib/mcp/demo-server";

type Context = { params: Promise<{ slug: string }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  return handleDemoMcpRequest(request, { slug: (await params).slug });
}

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
export const OPTIONS = handle;
