// Probes and Prometheus metrics through a real `next start`. The token endpoint runs in the
// pages/api bundle and /api/metrics in the app bundle: the token counted by one and read by the
// other proves the registry is process-wide (lib/metrics/registry.ts), not one per bundle.
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, createApiKey, describeProcesses, startServer, type Server, type Store } from "./processes";

const METRICS_TOKEN = "process-test-metrics-token-0123456789";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text exposition format (version 0.0.4): one sample a line, # for HELP and TYPE. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!match) throw new Error(`Not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = raw!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample with this name and (at least) these labels; undefined if none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** A raw connection to the server, to hold a request half sent while the server stops. */
async function rawConnection(server: Server): Promise<{ socket: Socket; response: () => Promise<string> }> {
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let received = "";
  socket.on("data", (d: Buffer) => (received += d.toString()));
  // The whole response: the server ends the connection after it (Connection: close while stopping).
  const ended = new Promise<string>((resolve) => socket.once("close", () => resolve(received)));
  return { socket, response: () => ended };
}

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 100));
}

describeProcesses("probes and metrics of a running next start", () => {
  let workDir = "";
  const store: Store = { dataDir: "" };
  let server: Server | undefined;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), "gatehouse-metrics-"));
    store.dataDir = path.join(workDir, "data");
  });
  afterAll(async () => {
    await server?.kill9();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("answers live and ready, and keeps /api/metrics off without a token", { timeout: 180_000 }, async () => {
    server = await startServer(store);
    for (const probe of ["/api/health/live", "/api/health/ready", "/api/health"]) {
      const res = await fetch(`${server.url}${probe}`);
      expect(res.status, probe).toBe(200);
      expect(res.headers.get("cache-control"), probe).toBe("no-store");
      expect(await res.json(), probe).toEqual({ status: "ok" });
    }
    const metrics = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(404);
    await metrics.arrayBuffer();
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    server = undefined;
  });

  it("counts a token issued at /oauth/demo/token in the scrape of /api/metrics", { timeout: 180_000 }, async () => {
    const apiKey = await createApiKey(store);
    server = await startServer(store, { GATEHOUSE_METRICS_TOKEN: METRICS_TOKEN });
    const scrape = (authorization?: string) =>
      fetch(`${server!.url}/api/metrics`, authorization ? { headers: { authorization } } : {});

    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="gatehouse-metrics"');
    await anonymous.arrayBuffer();
    const wrong = await scrape(`Bearer ${METRICS_TOKEN}-not`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain('error="invalid_token"');
    await wrong.arrayBuffer();

    const client = await api(server, apiKey).createSecretClient("Metrics probe");
    const token = await fetch(`${server.url}/oauth/demo/token`, {
      method: "POST",
      headers: { authorization: client.basic, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(token.status).toBe(200);
    await token.arrayBuffer();

    const res = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const samples = parseExposition(await res.text());

    const issued = { grant_type: "client_credentials", server: "demo" };
    expect(valueOf(samples, "gatehouse_tokens_issued_total", issued)).toBe(1);
    // Counted by the Node server's diagnostics channel under the route pattern, never the raw path.
    const tokenRoute = { route: "/oauth/[slug]/token", status: "200" };
    expect(valueOf(samples, "gatehouse_http_requests_total", tokenRoute)).toBe(1);
    expect(valueOf(samples, "gatehouse_http_requests_total", { route: "/api/metrics", status: "401" })).toBe(2);
    expect(samples.some((s) => s.labels.route?.includes("/oauth/demo/"))).toBe(false);
    expect(valueOf(samples, "gatehouse_protocol_request_duration_seconds_count", { endpoint: "token" })).toBe(1);
    expect(valueOf(samples, "gatehouse_db_query_duration_seconds_count", { client: "prisma" })).toBeGreaterThan(0);
    expect(valueOf(samples, "gatehouse_webhook_outbox_depth", { stage: "pending_deliveries" })).toBe(0);
    expect(valueOf(samples, "process_cpu_seconds_total")).toBeGreaterThan(0);
  });

  it("answers 503 'shutting down' at /api/health/ready once SIGTERM arrived", { timeout: 180_000 }, async () => {
    const live = server!;
    const scrape = async () => {
      const res = await fetch(`${live.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      return parseExposition(await res.text());
    };
    // A token request whose body is still arriving keeps the server draining (not yet exited).
    const slow = await rawConnection(live);
    const body = "grant_type=client_credentials";
    slow.socket.write(
      `POST /oauth/demo/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    // In flight: it and the scrape asking.
    await until(async () => (valueOf(await scrape(), "gatehouse_http_requests_in_flight") ?? 0) >= 2);
    // A probe half sent on a connection of its own, finished once the server is stopping.
    const probe = await rawConnection(live);
    probe.socket.write("GET /api/health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    await scrape();
    process.kill(live.pid, "SIGTERM");
    await until(() => live.output().includes('"gatehouse.stopping"'));
    probe.socket.write("Connection: close\r\n\r\n");
    // Headers, then the body (chunked: the JSON between its chunk-size lines).
    const answer = await probe.response();
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer.toLowerCase()).toContain("cache-control: no-store");
    expect(JSON.parse(answer.slice(answer.indexOf("{"), answer.lastIndexOf("}") + 1))).toEqual({
      status: "unavailable",
      reason: "shutting down",
    });
    // The request in flight is still answered, then the server exits cleanly.
    slow.socket.write(body.slice(10));
    expect(await slow.response()).toMatch(/^HTTP\/1\.1 401 /);
    expect(await live.exited).toEqual({ code: 0, signal: null });
    server = undefined;
  });
});
