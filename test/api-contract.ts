// Route handlers wrapped so that every response a test receives is checked against the OpenAPI
// document's description of that operation: a documented status, and a body that the same zod
// schema the document was generated from accepts (response schemas are strict, so an undocumented
// field fails too). The document itself is built from these schemas (lib/api/openapi/document.ts).
import { expect } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { findOperation } from "@/lib/api/openapi/operations";
import { ErrorEnvelope } from "@/lib/api/openapi/schemas/common";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response> | Response;

let document: { paths: Record<string, Record<string, { responses: object }>> } | undefined;
const documentedStatuses = (path: string, method: string): string[] => {
  document ??= buildOpenApiDocument("http://localhost:3000") as typeof document & object;
  return Object.keys(document.paths[path]?.[method]?.responses ?? {});
};

/** Checks one response (a clone: the caller still reads the body). */
export async function expectDocumentedResponse(method: string, path: string, res: Response): Promise<void> {
  const op = findOperation(method, path);
  expect(op, `${method} ${path} is in the OpenAPI document`).toBeDefined();
  if (!op) return;
  const where = `${method} ${path} → ${res.status}`;
  expect(documentedStatuses(path, op.method), `${where}: a documented status`).toContain(String(res.status));
  const spec = op.responses[res.status];
  if (res.status === 204 || (spec && !spec.schema)) return;
  const body: unknown = await res.clone().json();
  const schema = spec?.schema ?? ErrorEnvelope;
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues, `${where}: body matches the document`).toEqual([]);
}

/**
 * A route module whose handlers check their responses against the document, e.g.
 * `documented("/api/v1/servers/{slug}", await import("./servers/[slug]/route"))`.
 */
export function documented<M extends Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE", Handler>>>(
  path: string,
  route: M,
): M {
  const out: Partial<Record<string, Handler>> = {};
  for (const [method, handler] of Object.entries(route) as [string, Handler | undefined][]) {
    if (typeof handler !== "function") continue;
    out[method] = async (req, ctx) => {
      const res = await handler(req, ctx);
      await expectDocumentedResponse(method, path, res);
      return res;
    };
  }
  return out as M;
}
