// The OpenAPI document against the code: every route file under app/api/v1 and each HTTP method it
// exports must be described (and nothing described may be missing), and the document must be a
// valid OpenAPI 3.1 description. Real responses are checked against it in admin-api.test.ts.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { apiOperations } from "@/lib/api/openapi/operations";
import * as openapiRoute from "./openapi.json/route";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const root = path.join(import.meta.dirname);

/** "servers/[slug]/clients/route.ts" → "/api/v1/servers/{slug}/clients". */
function pathTemplate(file: string): string {
  const dir = path
    .dirname(file)
    .split(path.sep)
    .filter((s) => s !== ".");
  return ["/api/v1", ...dir.map((s) => s.replace(/^\[(.+)\]$/, "{$1}"))].join("/");
}

const routeFiles = (readdirSync(root, { recursive: true }) as string[]).filter((f) => path.basename(f) === "route.ts");

describe("OpenAPI document", () => {
  it("describes every method of every route file under app/api/v1, and nothing else", async () => {
    expect(routeFiles.length).toBeGreaterThan(10);
    const implemented: string[] = [];
    for (const file of routeFiles) {
      const mod = (await import(/* @vite-ignore */ pathToFileURL(path.join(root, file)).href)) as Record<
        string,
        unknown
      >;
      for (const m of METHODS) if (typeof mod[m] === "function") implemented.push(`${m} ${pathTemplate(file)}`);
    }
    const documented = apiOperations.map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(
      implemented.filter((x) => !documented.includes(x)),
      "routes missing from the document",
    ).toEqual([]);
    expect(
      documented.filter((x) => !implemented.includes(x)),
      "documented but not implemented",
    ).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
    const ids = apiOperations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = buildOpenApiDocument("http://localhost:3000");
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("documents each write body as strict and each create as idempotent", () => {
    for (const op of apiOperations) {
      if (op.method === "get") continue;
      expect(op.body, `${op.method} ${op.path} has a body schema`).toBeDefined();
      const schema = buildOpenApiDocument("http://x").paths[op.path]?.[op.method] as {
        requestBody?: { content: { "application/json": { schema: { additionalProperties?: unknown } } } };
      };
      expect(schema.requestBody?.content["application/json"].schema.additionalProperties).toBe(false);
      if (op.method === "post" && 201 in op.responses) expect(op.idempotent, `${op.operationId}`).toBe(true);
    }
  });

  it("is served publicly at /api/v1/openapi.json, cacheable", async () => {
    const res = openapiRoute.GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/public/);
    const doc = (await res.json()) as { openapi: string; paths: object };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/servers/{slug}/clients");
  });
});
