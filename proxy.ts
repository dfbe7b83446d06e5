// Next.js's proxy (the former middleware), for server actions only: a body Next.js could not
// decode is answered 400 here instead of the 500 Next.js reports (lib/http/server-action-body.ts).
// The matcher keeps everything else — the protocol endpoints, the admin API, GET pages — off this
// path, so they pay neither the call nor the body copy Next.js makes for a proxy. Method, NUL,
// size and Origin are refused earlier, by the edge guard (lib/http/edge-guard.ts).
import { NextResponse, type NextRequest } from "next/server";
import { serverActionBodyProblem } from "@/lib/http/server-action-body";
import { surfaceError, surfaceOf } from "@/lib/http/surface";

export async function proxy(request: NextRequest): Promise<Response> {
  const surface = surfaceOf(request.nextUrl.pathname);
  if (request.method !== "POST" || surface !== "page") return NextResponse.next();
  const problem = await serverActionBodyProblem(request);
  if (problem === null) return NextResponse.next();
  const { status, headers, body } = surfaceError(surface, 400, problem);
  return new Response(body, { status, headers });
}

// Literals only: Next.js reads the matcher statically at build time. Sources: every page path.
export const config = {
  matcher: [
    { source: "/((?!api/|_next/|mcp/|\\.well-known/|scim/).*)", has: [{ type: "header", key: "next-action" }] },
    {
      source: "/((?!api/|_next/|mcp/|\\.well-known/|scim/).*)",
      has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }],
    },
  ],
};
