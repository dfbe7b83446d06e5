// One entry per /api/v1 operation: what the OpenAPI document says about it, built from the same zod
// schemas the route validates with. Per-resource entries live in ./paths/*.ts; the contract test
// (app/api/v1/openapi-contract.test.ts) fails when a route file has a method that is not listed here.
import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface ApiResponse {
  description: string;
  /** JSON body; absent for 204 and for non-JSON bodies (see contentType). */
  schema?: z.ZodType;
  /** For a non-JSON body, e.g. the audit CSV export. */
  contentType?: string;
}

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path template, e.g. "/api/v1/servers/{slug}"; path parameters are strings. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** null: public, no credential needed. */
  permission: Permission | null;
  /** Query parameters, one per key of the object. */
  query?: z.ZodObject;
  /** The JSON body the route validates with (strict: unknown fields are a 422 naming them). */
  body?: z.ZodType;
  /** Accepts an Idempotency-Key header (lib/api/idempotency.ts). */
  idempotent?: boolean;
  /** Success responses by status; the error responses are added for every operation. */
  responses: Record<number, ApiResponse>;
}

export const defineOperations = (ops: ApiOperation[]): ApiOperation[] => ops;

/** "{slug}" and "{id}" of a path template, in order. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
}
