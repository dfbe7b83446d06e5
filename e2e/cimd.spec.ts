// Client ID Metadata Documents end to end (checklist §4): the official MCP SDK client presents the
// URL of its metadata document as client_id — which it does only because Gatehouse's metadata
// advertises client_id_metadata_document_supported — and this spec serves that document itself,
// over HTTPS on 127.0.0.1 with the throw-away CA that scripts/e2e-server.sh made and gave the
// server through NODE_EXTRA_CA_CERTS (with GATEHOUSE_CIMD_ALLOW_LOOPBACK=1, for local testing).
// Then the dashboard's view of that client, and "Refresh now".
// Runs after foundation.spec.ts (the owner exists; the first start created the `demo` server,
// which accepts metadata documents).
import { readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import { OWNER, signIn } from "./helpers";
import { E2EOAuthProvider } from "./mcp-oauth-provider";

test.describe.configure({ mode: "serial" });

const GATEHOUSE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const MCP_URL = `${GATEHOUSE_URL}/mcp/demo`;
const ISSUER = `${GATEHOUSE_URL}/oauth/demo`;
const run = Date.now().toString(36);
/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

type Reply = { status: number; type: string; body: string | Buffer };
const replies = new Map<string, Reply>();
const requests: { path: string; accept: string | undefined }[] = [];
let fixture: https.Server;
let origin = "";

test.beforeAll(async () => {
  // Made by scripts/e2e-server.sh before the server started (the server trusts its CA).
  fixture = https.createServer(
    { cert: readFileSync(".e2e-tls/cert.pem"), key: readFileSync(".e2e-tls/key.pem") },
    (req, res) => {
      requests.push({ path: req.url ?? "", accept: req.headers.accept });
      const reply = replies.get(req.url ?? "");
      if (!reply) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(reply.status, { "Content-Type": reply.type, "Cache-Control": "max-age=3600" });
      res.end(reply.body);
    },
  );
  await new Promise<void>((resolve) => fixture.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(fixture.address() as AddressInfo).port}`;
  replies.set("/logo.png", { status: 200, type: "image/png", body: PNG });
});

test.afterAll(async () => {
  fixture.closeAllConnections();
  await new Promise((resolve) => fixture.close(resolve));
});

function serve(path: string, document: Record<string, unknown>, status = 200) {
  replies.set(path, { status, type: "application/json", body: JSON.stringify(document) });
}

function fetchesOf(path: string): number {
  return requests.filter((r) => r.path === path).length;
}

function loopbackRedirect(): { origin: string; redirectUrl: string } {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  return { origin: `http://127.0.0.1:${port}`, redirectUrl: `http://127.0.0.1:${port}/callback` };
}

function recordingFetch(log: string[]): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    log.push(`${(init?.method ?? "GET").toUpperCase()} ${new URL(String(url)).pathname} ${response.status}`);
    return response;
  };
}

/** Resolves `callback` with the URL Gatehouse sent the browser to (wrapped: an async function would flatten it). */
async function captureRedirect(page: Page, redirectOrigin: string): Promise<{ callback: Promise<URL> }> {
  let resolve!: (url: URL) => void;
  const callback = new Promise<URL>((r) => (resolve = r));
  await page.route(
    (url) => url.origin === redirectOrigin,
    async (route) => {
      resolve(new URL(route.request().url()));
      await route.fulfill({
        status: 200,
        contentType: "text/html",
        body: "<!doctype html><title>Authorized</title><h1>Done</h1>",
      });
    },
  );
  return { callback };
}

test("the MCP SDK client uses its metadata document URL as client_id: no registration, the user consents, tools work", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const path = `/clients/sdk-${run}.json`;
  const documentUrl = `${origin}${path}`;
  const { origin: redirectOrigin, redirectUrl } = loopbackRedirect();
  serve(path, {
    client_id: documentUrl,
    client_name: "E2E CIMD client",
    redirect_uris: [redirectUrl],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
    logo_uri: `${origin}/logo.png`,
  });
  const provider = new E2EOAuthProvider({ redirectUrl, clientName: "E2E CIMD client", clientMetadataUrl: documentUrl });
  const client = new Client({ name: "gatehouse-e2e-cimd", version: "1.0.0" });

  // 1. 401 → discovery → the metadata advertises CIMD → the SDK uses the URL; nothing is registered.
  const log: string[] = [];
  const first = new StreamableHTTPClientTransport(new URL(MCP_URL), {
    authProvider: provider,
    fetch: recordingFetch(log),
  });
  const error = await client.connect(first).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(UnauthorizedError);
  expect(log).toContain("GET /.well-known/oauth-authorization-server/oauth/demo 200");
  expect(log.filter((l) => l.startsWith("POST"))).toEqual(["POST /mcp/demo 401"]);
  expect(provider.clientId).toBe(documentUrl);
  const authorizationUrl = provider.lastAuthorizationUrl;
  expect(authorizationUrl.searchParams.get("client_id")).toBe(documentUrl);

  // 2. The browser: /authorize makes Gatehouse fetch the document (once), sign in, the consent
  // screen names the client, the host that serves its document, and shows the logo from Gatehouse.
  const { callback } = await captureRedirect(page, redirectOrigin);
  await page.goto(authorizationUrl.toString());
  await expect(page).toHaveURL(/\/sign-in\?/);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "E2E CIMD client wants to access Demo MCP server" }),
  ).toBeVisible();
  await expect(page.getByText("Identified by a metadata document on")).toBeVisible();
  await expect(page.getByText(new URL(origin).host, { exact: true })).toBeVisible();
  const logoSrc = await page.locator("main img").first().getAttribute("src");
  expect(logoSrc).toMatch(/^\/api\/client-logos\/cli_/);
  expect(fetchesOf(path)).toBe(1);
  expect(requests.find((r) => r.path === path)?.accept).toBe("application/json");
  expect(fetchesOf("/logo.png")).toBe(1);

  const logo = await page.request.get(logoSrc!);
  expect(logo.status()).toBe(200);
  expect(logo.headers()["content-type"]).toBe("image/png");
  expect(logo.headers()["x-content-type-options"]).toBe("nosniff");
  expect(logo.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(Buffer.from(await logo.body()).equals(PNG)).toBe(true);

  await page.getByRole("button", { name: "Allow" }).click();
  const returned = await callback;
  expect(returned.searchParams.get("iss")).toBe(ISSUER);
  const code = returned.searchParams.get("code");
  expect(code).toBeTruthy();

  // 3. The token request carries the URL as client_id and no secret; then the tools work.
  await first.finishAuth(code!);
  expect(provider.savedTokens).toHaveLength(1);
  const transport = new StreamableHTTPClientTransport(new URL(MCP_URL), {
    authProvider: provider,
    fetch: recordingFetch(log),
  });
  await client.connect(transport);
  const result = await client.callTool({ name: "whoami", arguments: {} });
  const me = JSON.parse((result.content as { text: string }[])[0]!.text) as { client_id: string };
  expect(me.client_id).toBe(documentUrl);
  expect(log.some((l) => l.startsWith("POST /oauth/demo/register"))).toBe(false);
  // The document was cached (max-age=3600): the token exchange did not fetch it again.
  expect(fetchesOf(path)).toBe(1);
  await client.close();
});

test("a metadata document that cannot be used is an error page, never a redirect", async ({ page }) => {
  const path = `/clients/moved-${run}.json`;
  replies.set(path, { status: 302, type: "application/json", body: "" });
  const { redirectUrl } = loopbackRedirect();
  const url = new URL(`${ISSUER}/authorize`);
  for (const [k, v] of Object.entries({
    response_type: "code",
    client_id: `${origin}${path}`,
    redirect_uri: redirectUrl,
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  }))
    url.searchParams.set(k, v);
  const response = await page.request.get(url.toString(), { maxRedirects: 0 });
  expect(response.status()).toBe(400);
  expect(response.headers()["location"]).toBeUndefined();
  const body = await response.text();
  expect(body).toContain("Client metadata document unusable");
  expect(body).toContain("Redirects are not followed");
});

test("the client detail view shows the host and the fetched document; Refresh now fetches it again", async ({
  page,
}) => {
  const path = `/clients/dashboard-${run}.json`;
  const documentUrl = `${origin}${path}`;
  const { redirectUrl } = loopbackRedirect();
  const name = `CIMD dashboard ${run}`;
  serve(path, { client_id: documentUrl, client_name: name, redirect_uris: [redirectUrl] });

  // First use: an /authorize request creates the client (it appears in the Clients list at once).
  const url = new URL(`${ISSUER}/authorize`);
  for (const [k, v] of Object.entries({
    response_type: "code",
    client_id: documentUrl,
    redirect_uri: redirectUrl,
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  }))
    url.searchParams.set(k, v);
  const started = await page.request.get(url.toString(), { maxRedirects: 0 });
  expect([302, 303]).toContain(started.status());
  expect(fetchesOf(path)).toBe(1);

  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/servers$/);
  // This server runs with GATEHOUSE_CIMD_ALLOW_LOOPBACK=1: the dashboard says so on every page.
  await expect(page.getByRole("alert").filter({ hasText: "Local testing mode" })).toContainText(
    "GATEHOUSE_CIMD_ALLOW_LOOPBACK",
  );
  // The demo server's settings: metadata documents on, from any host.
  await page.goto("/servers/demo/settings");
  const fieldset = page.getByRole("group", { name: "Client ID Metadata Documents" });
  await expect(fieldset.getByRole("checkbox", { name: "Accept metadata-document clients" })).toBeChecked();
  await expect(fieldset.getByRole("radio", { name: "Any host", exact: true })).toBeChecked();
  await page.goto("/servers/demo/clients?type=METADATA_DOCUMENT");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row).toContainText("CIMD");
  await expect(row).toContainText(new URL(origin).host);
  await row.getByRole("link", { name, exact: true }).click();

  await expect(page.getByRole("heading", { level: 2, name: "Client ID Metadata Document" })).toBeVisible();
  await expect(page.getByTestId("cimd-host")).toHaveText(new URL(origin).host);
  const documentView = page.getByLabel("Fetched metadata document");
  await expect(documentView).toContainText(`"client_name": "${name}"`);
  await expect(page.getByTestId("cimd-last-error")).toHaveText("None");
  const fetchedBefore = await page.getByTestId("cimd-fetched-at").locator("time").getAttribute("datetime");

  // The document changes (a new redirect URI): Refresh now fetches it although the cache is fresh.
  const renamed = `${name} v2`;
  serve(path, {
    client_id: documentUrl,
    client_name: renamed,
    redirect_uris: [redirectUrl, "http://127.0.0.1:9999/other"],
  });
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByText("Metadata document refreshed")).toBeVisible();
  await expect(documentView).toContainText(`"client_name": "${renamed}"`);
  await expect(documentView).toContainText("http://127.0.0.1:9999/other");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(renamed);
  await expect(page.getByTestId("cimd-fetched-at").locator("time")).not.toHaveAttribute(
    "datetime",
    fetchedBefore ?? "",
  );
  expect(fetchesOf(path)).toBe(2);

  // A failing fetch is reported, recorded as the last error, and the last good document stays.
  serve(path, {}, 500);
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByText("The metadata document could not be fetched")).toBeVisible();
  await expect(page.getByTestId("cimd-last-error")).toContainText("HTTP 500");
  await expect(documentView).toContainText(renamed);

  // Both refreshes and the changed document are in the audit log.
  await page.goto("/audit?action=client.metadata_changed");
  await expect(page.getByRole("row").filter({ hasText: renamed }).first()).toBeVisible();
  await page.goto("/audit?action=client.metadata_refreshed");
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(2);
});
