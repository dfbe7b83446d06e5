// The OpenAPI 3.1 description of /api/v1, generated from the operations' zod schemas with zod's own
// JSON Schema output (draft 2020-12, the dialect OpenAPI 3.1 uses). Schemas that carry a
// `.meta({ id })` become components; everything else is inlined where it is used.
import { z } from "zod";
import { ErrorEnvelope } from "./schemas/common";
import { apiOperations } from "./operations";
import { pathParameters, type ApiOperation } from "./registry";

type JsonSchema = Record<string, unknown>;

const ERRORS: Record<number, string> = {
  401: "No valid credential: no API key or session, or an unknown, revoked or expired key.",
  403: "The role may not do this, or a cross-site cookie write.",
  404: "The resource does not exist.",
  409: "A unique value is taken, or the change is not allowed in the current state.",
  413: "The body is over 1 MiB.",
  422: "The input failed validation (unknown fields included); see `fields`.",
  429: "Too many attempts; wait for `Retry-After` seconds.",
  500: "A bug or outage; the message holds a request id.",
};

/** Turns one zod schema into JSON Schema, moving named sub-schemas into `components`. */
function converter(components: Record<string, JsonSchema>) {
  return (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const out = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "throw" }) as JsonSchema;
    const { $schema: _s, $defs, ...root } = out;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) components[id] ??= def;
    const id = z.globalRegistry.get(schema)?.id;
    if (id && io === "output") {
      const { id: _id, ...body } = root;
      components[id] ??= body;
      return { $ref: `#/components/schemas/${id}` };
    }
    const { id: _id, ...body } = root;
    return body;
  };
}

function rewriteRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
}

function operationObject(op: ApiOperation, convert: ReturnType<typeof converter>) {
  const errorRef = { $ref: "#/components/schemas/Error" };
  const parameters: JsonSchema[] = pathParameters(op.path).map((name) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  for (const [name, field] of Object.entries(op.query?.shape ?? {})) {
    const schema = convert(field as z.ZodType, "input");
    const { description, ...rest } = schema;
    parameters.push({ name, in: "query", required: false, ...(description ? { description } : {}), schema: rest });
  }
  if (op.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "A unique value (1–255 printable characters) per create. A retry with the same key and the same body returns the first response for 24 hours instead of creating again; the same key with another body is a 422.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.schema
        ? { content: { "application/json": { schema: convert(r.schema, "output") } } }
        : r.contentType
          ? { content: { [r.contentType]: { schema: { type: "string" } } } }
          : {}),
    };
  }
  const errors =
    op.permission === null
      ? [500]
      : [401, 403, 404, ...(op.method === "get" ? [] : [409]), ...(op.body ? [413] : []), 422, 429, 500];
  for (const status of errors) {
    responses[String(status)] = {
      description: ERRORS[status],
      content: { "application/json": { schema: errorRef } },
    };
  }
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, op.permission ? `Permission: \`${op.permission}\`.` : "No credential needed."]
      .filter(Boolean)
      .join("\n\n"),
    ...(op.permission === null ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.method !== "post" || !isEmptyBody(op.body),
            content: { "application/json": { schema: convert(op.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

function isEmptyBody(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && Object.keys(schema.shape).length === 0;
}

export function buildOpenApiDocument(serverUrl: string) {
  const components: Record<string, JsonSchema> = {};
  const convert = converter(components);
  convert(ErrorEnvelope, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of apiOperations) (paths[op.path] ??= {})[op.method] = operationObject(op, convert);
  return rewriteRefs({
    openapi: "3.1.0",
    info: {
      title: "Gatehouse admin API",
      version: "1",
      description:
        'The JSON API under /api/v1 for scripts, CI and the dashboard. Authenticate with an API key (`Authorization: Bearer gha_…`, created under Settings → API keys) or a dashboard session. Errors always use the `{ "error": { "code", "message", "fields"? } }` envelope. Request bodies are JSON objects of at most 1 MiB; unknown fields are refused with a 422 that names them. How-to guide: docs/api.md.',
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }, { session: [] }],
    tags: [...new Set(apiOperations.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An admin API key, `gha_…`." },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The dashboard's session; writes must be same-origin.",
        },
      },
    },
  });
}
