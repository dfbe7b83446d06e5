import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { authJsRequestProblem } from "@/lib/http/auth-js-request";

/** Auth.js, after the checks of requests it would answer with 500 (lib/http/auth-js-request.ts). */
function guarded(handler: (req: NextRequest) => Promise<Response>) {
  return (req: NextRequest): Promise<Response> => {
    const problem = authJsRequestProblem(req);
    if (problem) return Promise.resolve(Response.json({ error: "invalid_request", message: problem }, { status: 400 }));
    return handler(req);
  };
}

export const GET = guarded(handlers.GET);
export const POST = guarded(handlers.POST);
