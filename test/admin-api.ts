// Calling /api/v1 route handlers as automation does: real Request objects with an API key of a
// given role, straight into the exported handlers (no server).
import type { Role } from "@/lib/auth/permissions";
import type { Database } from "@/lib/db/client";
import { createApiKey } from "@/lib/services";
import { makeCtx } from "./factories";

/** A fresh API key of `role`, minted by a fresh owner. */
export async function apiKeyFor(database: Database, role: Role): Promise<string> {
  const owner = await makeCtx(database, "OWNER");
  return (await createApiKey({ ctx: owner, input: { name: `${role} key`, role } })).token;
}

export function apiRequest(method: string, path: string, token: string | null, body?: unknown): Request {
  const headers = new Headers({ "content-type": "application/json" });
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new Request(`http://localhost:3000${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The second argument Next.js passes a route handler. */
export const routeParams = <P>(p: P) => ({ params: Promise.resolve(p) });

/** Status and parsed JSON body of a handler's answer. */
export async function answer(res: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
