// Tracing in a real `next start`, as an operator turns it on: OTEL_EXPORTER_OTLP_ENDPOINT pointing
// at an OTLP/HTTP receiver (here a loopback stand-in that keeps what it is sent). A token request's
// span arrives with the service name, the server slug, the client id and the outcome, and no
// secret; the spans still buffered are sent on a graceful stop.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, createApiKey, describeProcesses, startServer, type Server, type Store } from "./processes";

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: OtlpValue }[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

describeProcesses("OpenTelemetry export from next start", () => {
  let workDir = "";
  const store: Store = { dataDir: "" };
  let server: Server | undefined;
  let collector: HttpServer | undefined;
  const exports: OtlpExport[] = [];
  const bodies: string[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "gatehouse-tracing-"));
    store.dataDir = path.join(workDir, "data");
    collector = createServer((req, res) => {
      let body = "";
      req.on("data", (d: Buffer) => (body += d.toString()));
      req.on("end", () => {
        bodies.push(body);
        if (req.url === "/v1/traces") exports.push(JSON.parse(body) as OtlpExport);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => collector!.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await server?.kill9();
    collector?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("sends a span per protocol request to the OTLP endpoint", { timeout: 180_000 }, async () => {
    const apiKey = await createApiKey(store);
    const { port } = collector!.address() as AddressInfo;
    server = await startServer(store, {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_SERVICE_NAME: "gatehouse-test",
    });
    expect(server.output()).toContain('"event":"telemetry.tracing_enabled"');
    const client = await api(server, apiKey).createSecretClient("Traced");
    const res = await fetch(`${server.url}/oauth/demo/token`, {
      method: "POST",
      headers: { authorization: client.basic, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(res.status).toBe(200);
    const { access_token: token } = (await res.json()) as { access_token: string };
    expect((await server.stop()).code).toBe(0);

    const resources = exports.flatMap((e) => e.resourceSpans);
    const spans = resources.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    // The protocol front's HTTP server span (named like Next.js's own) is the protocol span's parent.
    const httpSpan = spans.find((s) => s.name === "POST /oauth/[slug]/token");
    expect(httpSpan, `spans: ${spans.map((s) => s.name).join(", ")}`).toBeDefined();
    const tokenSpan = spans.find((s) => s.name === "oauth token");
    expect(tokenSpan, `spans: ${spans.map((s) => s.name).join(", ")}`).toBeDefined();
    expect(tokenSpan!.parentSpanId).toBe(httpSpan!.spanId);
    const attrs = Object.fromEntries(
      tokenSpan!.attributes.map((a) => [a.key, a.value.stringValue ?? a.value.intValue]),
    );
    expect(attrs).toMatchObject({
      "gatehouse.server.slug": "demo",
      "gatehouse.client.id": client.clientId,
      "gatehouse.oauth.grant_type": "client_credentials",
      "gatehouse.oauth.outcome": "success",
    });
    const serviceNames = resources.flatMap((r) => r.resource.attributes.filter((a) => a.key === "service.name"));
    expect(serviceNames.map((a) => a.value.stringValue)).toContain("gatehouse-test");
    const sent = bodies.join("\n");
    for (const secretValue of [client.clientSecret, token]) expect(sent).not.toContain(secretValue);
  });
});
