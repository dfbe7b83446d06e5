// Tracing with an in-memory exporter, in process: the protocol endpoints' spans carry the server
// slug, the client id, the grant type and the outcome, and nothing secret; Prisma's query spans
// come along. The provider is process-wide (as in the server), so this file installs it once.
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { makeCtx, serverInput } from "@/test/factories";
import { createClient, createServer } from "@/lib/services";
import { introspectionEndpoint, tokenEndpoint } from "@/lib/services/oauth/endpoints";
import { PROTOCOL_SPAN_ATTRIBUTES as A } from "./protocol-span";
import { installTracing, otlpEndpoint, tracingEnabled } from "./tracing";

const database = await createTestDb();
const exporter = new InMemorySpanExporter();

function post(path: string, body: string, authorization: string): Request {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: authorization },
  });
}

describe("OpenTelemetry tracing", () => {
  let slug = "";
  let clientId = "";
  let secret = "";

  beforeAll(async () => {
    expect(tracingEnabled()).toBe(false);
    await installTracing(new SimpleSpanProcessor(exporter));
    const ctx = await makeCtx(database, "ADMIN");
    const server = await createServer({ ctx, input: serverInput() });
    slug = server.slug;
    const created = await createClient({ ctx, serverSlug: slug, input: { name: "Traced" } });
    clientId = created.client.clientId;
    secret = created.clientSecret!;
  });

  it("is off unless an OTLP endpoint is configured", () => {
    expect(otlpEndpoint({})).toBeUndefined();
    expect(otlpEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" })).toBe("http://127.0.0.1:4318");
    expect(otlpEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:4318/v1/traces" })).toBe(
      "http://127.0.0.1:4318/v1/traces",
    );
  });

  it("spans each protocol request with server, client, grant and outcome, and no secret", async () => {
    exporter.reset();
    const basic = `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
    const issued = await tokenEndpoint(post(`/oauth/${slug}/token`, "grant_type=client_credentials", basic), slug);
    expect(issued.status).toBe(200);
    const token = (JSON.parse(issued.body!) as { access_token: string }).access_token;
    const wrong = `Basic ${Buffer.from(`${clientId}:not-the-secret`).toString("base64")}`;
    const refused = await tokenEndpoint(post(`/oauth/${slug}/token`, "grant_type=client_credentials", wrong), slug);
    expect(refused.status).toBe(401);
    const introspected = await introspectionEndpoint(
      post(`/oauth/${slug}/introspect`, `token=${encodeURIComponent(token)}`, basic),
      slug,
    );
    expect(introspected.status).toBe(200);

    const spans = exporter.getFinishedSpans();
    const protocol = spans.filter((s) => s.name.startsWith("oauth "));
    expect(protocol.map((s) => s.name)).toEqual(["oauth token", "oauth token", "oauth introspect"]);
    expect(protocol[0]!.attributes).toEqual({
      [A.endpoint]: "token",
      [A.server]: slug,
      [A.client]: clientId,
      [A.grantType]: "client_credentials",
      [A.status]: 200,
      [A.outcome]: "success",
    });
    expect(protocol[1]!.attributes).toMatchObject({
      [A.client]: clientId,
      [A.status]: 401,
      [A.outcome]: "invalid_client",
    });
    expect(protocol[2]!.attributes).toMatchObject({ [A.endpoint]: "introspect", [A.outcome]: "success" });

    // Nothing secret in any span: not the client secret, the token, or the Authorization header.
    const everything = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    for (const secretValue of [secret, token, basic.slice(6), "not-the-secret"])
      expect(everything).not.toContain(secretValue);

    // Prisma's own spans, inside the protocol span's trace.
    const queries = spans.filter((s) => s.name.startsWith("prisma:"));
    const traceOf = (s: (typeof spans)[number]) => s.spanContext().traceId;
    expect(queries.some((q) => traceOf(q) === traceOf(protocol[0]!))).toBe(true);
  });
});
