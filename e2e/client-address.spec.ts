// Issue 10.2 through the real production server (`npm start`): the client IP is the socket's address whatever
// X-Forwarded-For claims (GATEHOUSE_TRUSTED_PROXIES is 0 here), on the App Router (DCR) and on the
// Node adapter (token endpoint) alike; and the public origin is GATEHOUSE_URL whatever Host or
// X-Forwarded-Host say (the JSON API's same-origin check, Auth.js's post-sign-in Location).
// A second server with GATEHOUSE_TRUSTED_PROXIES=1 (own port and PGlite folder) checks the
// proxy rule. Requests come from chosen loopback addresses (all of 127.0.0.0/8 is this machine on Linux), so
// this spec's limits never touch the 127.0.0.1 that other specs use.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OWNER, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const PORT = Number(process.env.E2E_PORT ?? 3100);
const GATEHOUSE_URL = `http://localhost:${PORT}`;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request over loopback from `from` (a 127.x address), with exactly these headers. */
function raw(
  method: string,
  path: string,
  {
    from,
    headers = {},
    body,
    port = PORT,
  }: { from: string; headers?: Record<string, string>; body?: string; port?: number },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, localAddress: from, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.once("error", reject);
    req.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const json = { "content-type": "application/json" };
let n = 0;
const spoofed = () => `198.51.100.${(++n % 250) + 1}`;

test("a rotating X-Forwarded-For does not escape the per-address DCR limit (App Router)", async () => {
  // Invalid bodies count too (the limit is checked first), so nothing is registered.
  let status = 0;
  let sent = 0;
  while (sent < 200 && status !== 429) {
    status = (
      await raw("POST", "/oauth/demo/register", {
        from: "127.0.0.21",
        headers: { ...json, "x-forwarded-for": spoofed() },
        body: "{}",
      })
    ).status;
    sent++;
  }
  expect(status).toBe(429);
  // Another real address is counted on its own.
  const other = await raw("POST", "/oauth/demo/register", { from: "127.0.0.22", headers: json, body: "{}" });
  expect(other.status).toBe(400);
});

/** A confidential client_credentials client registered on the demo server, and a token request for it. */
async function confidentialClient(port: number) {
  const registered = await raw("POST", "/oauth/demo/register", {
    port,
    from: "127.0.0.31",
    headers: json,
    body: JSON.stringify({
      client_name: `Address test ${Date.now()}`,
      grant_types: ["client_credentials"],
      token_endpoint_auth_method: "client_secret_basic",
      scope: "mcp:tools",
    }),
  });
  expect(registered.status, registered.body).toBe(201);
  const { client_id, client_secret } = JSON.parse(registered.body) as { client_id: string; client_secret: string };
  const token = (from: string, secret: string, forwardedFor?: string) =>
    raw("POST", "/oauth/demo/token", {
      port,
      from,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${client_id}:${secret}`).toString("base64")}`,
        ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
      },
      body: "grant_type=client_credentials",
    });
  return { secret: client_secret, token };
}

test("failed client authentications count against the socket's address, not the one claimed (Node adapter)", async () => {
  const { secret, token } = await confidentialClient(PORT);
  // The attacker at 127.0.0.32 names the victim 127.0.0.33 in X-Forwarded-For, then rotates it.
  for (let i = 0; i < 10; i++) expect((await token("127.0.0.32", "ghs_wrong", "127.0.0.33")).status).toBe(401);
  const rotated = await token("127.0.0.32", "ghs_wrong", spoofed());
  expect(rotated.status).toBe(429);
  expect(Number(rotated.headers["retry-after"])).toBeGreaterThan(0);
  // The failing address is locked even with the right secret; the victim is not locked at all.
  expect((await token("127.0.0.32", secret)).status).toBe(429);
  expect((await token("127.0.0.33", secret)).status).toBe(200);
});

test.describe("behind one trusted proxy (GATEHOUSE_TRUSTED_PROXIES=1)", () => {
  let port = 0;
  let server: ChildProcess | undefined;
  let dataDir = "";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    port = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), "gatehouse-proxy-"));
    // Its own process group, so stopping it stops everything the server started.
    server = spawn(process.execPath, ["dist/server.mjs", "-p", String(port), "-H", "127.0.0.1"], {
      env: {
        ...process.env,
        GATEHOUSE_URL: `http://127.0.0.1:${port}`,
        GATEHOUSE_DATA_DIR: dataDir,
        DATABASE_URL: "",
        GATEHOUSE_TRUSTED_PROXIES: "1",
      },
      detached: true,
      stdio: "ignore",
    });
    await expect
      .poll(
        () =>
          raw("GET", "/api/health", { port, from: "127.0.0.1" }).then(
            (r) => r.status,
            () => 0,
          ),
        {
          timeout: 90_000,
        },
      )
      .toBe(200);
  });

  test.afterAll(async () => {
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      process.kill(-server.pid, "SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("the rightmost X-Forwarded-For entry (what the proxy appended) is the client's address", async () => {
    const { secret, token } = await confidentialClient(port);
    // The "proxy" at 127.0.0.51 appends the address it saw after whatever the client claimed.
    for (let i = 0; i < 10; i++) await token("127.0.0.51", "ghs_wrong", `${spoofed()}, 203.0.113.52`);
    expect((await token("127.0.0.51", secret, "203.0.113.53, 203.0.113.52")).status).toBe(429);
    expect((await token("127.0.0.51", secret, "203.0.113.52, 203.0.113.53")).status).toBe(200);
  });
});

test("a cookie-authenticated write with a foreign Origin is refused even when X-Forwarded-Host agrees", async ({
  page,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/servers$/);
  const forged = await page.request.post("/api/v1/servers", {
    headers: { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
    data: {},
  });
  expect(forged.status()).toBe(403);
  // Our own origin passes the check (and reaches validation).
  const own = await page.request.post("/api/v1/servers", {
    headers: { origin: GATEHOUSE_URL, "x-forwarded-host": "evil.example" },
    data: {},
  });
  expect(own.status()).toBe(422);
});

test("the post-sign-in Location stays on GATEHOUSE_URL whatever Host and X-Forwarded-Host say", async () => {
  const evil = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
  const csrf = await raw("GET", "/api/auth/csrf", { from: "127.0.0.41", headers: evil });
  expect(csrf.status).toBe(200);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = [csrf.headers["set-cookie"] ?? []]
    .flat()
    .map((c) => c.split(";")[0])
    .join("; ");
  const signedIn = await raw("POST", "/api/auth/callback/credentials", {
    from: "127.0.0.41",
    headers: { ...evil, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      email: OWNER.email,
      password: OWNER.password,
      csrfToken,
      callbackUrl: "/servers",
    }).toString(),
  });
  expect(signedIn.status).toBe(302);
  expect(signedIn.headers.location).toBe(`${GATEHOUSE_URL}/servers`);
});
