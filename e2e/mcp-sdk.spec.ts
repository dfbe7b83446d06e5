// The official MCP SDK client against the running Gatehouse, as an MCP client application lives it:
// a 401 from the demo MCP server → RFC 9728 + RFC 8414 discovery → dynamic registration → the
// user signs in and consents in a real browser → the code comes back to a loopback redirect URI
// (RFC 9207 iss included) → tools work → the access token is revoked and the SDK refreshes on its
// own (rotating the refresh token) without another browser trip. Then: Deny, and a bad
// redirect_uri that must be shown as an error page, never redirected to.
// Runs after foundation.spec.ts (the owner exists; the first start created the `demo` MCP server).
import { expect, test, type Page, type Route } from "@playwright/test";
import { auth, UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import { parseBearerChallenge } from "@gatehouse/mcp-resource-auth/bearer";
import { OWNER } from "./helpers";
import { E2EOAuthProvider } from "./mcp-oauth-provider";

const GATEHOUSE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const MCP_URL = `${GATEHOUSE_URL}/mcp/demo`;
const ISSUER = `${GATEHOUSE_URL}/oauth/demo`;
const SCOPE = "mcp:tools";
const CLIENT_NAME = "E2E MCP client";

/** A loopback redirect URI nothing listens on: the browser's navigation to it is intercepted. */
function loopbackRedirect(): { origin: string; redirectUrl: string } {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const origin = `http://127.0.0.1:${port}`;
  return { origin, redirectUrl: `${origin}/callback` };
}

/** One HTTP exchange the SDK made (MCP requests, discovery, registration, token). */
interface Exchange {
  method: string;
  path: string;
  status: number;
}

/** fetch for the SDK that records what it sent (and, optionally, the challenges it got): the transport passes it to auth() too. */
function recordingFetch(log: Exchange[], challenges: string[] = []): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    const { pathname } = new URL(String(url));
    log.push({ method: (init?.method ?? "GET").toUpperCase(), path: pathname, status: response.status });
    const challenge = response.headers.get("www-authenticate");
    if (challenge) challenges.push(challenge);
    return response;
  };
}

function posts(log: Exchange[]): string[] {
  return log.filter((e) => e.method === "POST").map((e) => `POST ${e.path} ${e.status}`);
}

function newTransport(
  provider: E2EOAuthProvider,
  log: Exchange[],
  challenges: string[] = [],
): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(MCP_URL), {
    authProvider: provider,
    fetch: recordingFetch(log, challenges),
  });
}

function newClient(): Client {
  return new Client({ name: "gatehouse-e2e", version: "1.0.0" });
}

/** The first connect: no token → 401 → discovery → DCR → redirectToAuthorization → UnauthorizedError. */
async function connectExpectingAuthorization(client: Client, transport: StreamableHTTPClientTransport) {
  const error = await client.connect(transport).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error, "the first connect must stop for a browser authorization").toBeInstanceOf(UnauthorizedError);
}

/**
 * Intercepts the browser's navigation to the loopback redirect URI (no listener needed) and
 * resolves with the URL Gatehouse sent the browser to.
 */
async function captureRedirect(page: Page, origin: string): Promise<{ callback: Promise<URL> }> {
  let resolve!: (url: URL) => void;
  const callback = new Promise<URL>((r) => (resolve = r));
  await page.route(
    (url) => url.origin === origin,
    async (route: Route) => {
      resolve(new URL(route.request().url()));
      await route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: "<!doctype html><title>Authorized</title><h1>You can return to the application.</h1>",
      });
    },
  );
  return { callback };
}

/** Browser part: authorize URL → sign-in (owner) → the consent screen for `clientName`. */
async function openConsentScreen(page: Page, authorizationUrl: URL, clientName: string) {
  await page.goto(authorizationUrl.toString());
  await expect(page).toHaveURL(/\/sign-in\?/);
  const callbackUrl = new URL(page.url()).searchParams.get("callbackUrl");
  expect(callbackUrl).toMatch(/^\/oauth\/demo\/consent\/[^/?#]+$/);

  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${GATEHOUSE_URL}${callbackUrl}`);

  await expect(
    page.getByRole("heading", { level: 1, name: `${clientName} wants to access Demo MCP server` }),
  ).toBeVisible();
  await expect(page.getByText("Unverified — registered itself")).toBeVisible();
  await expect(page.getByText(SCOPE, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Allow" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Deny" })).toBeEnabled();
}

interface WhoAmI {
  sub: string | null;
  client_id: string | null;
  scopes: string[];
  expires_at: string | null;
}

async function whoami(client: Client): Promise<WhoAmI> {
  const result = await client.callTool({ name: "whoami", arguments: {} });
  expect(result.isError ?? false).toBe(false);
  const content = result.content as { type: string; text?: string }[];
  expect(content[0]?.type).toBe("text");
  return JSON.parse(content[0]?.text ?? "null") as WhoAmI;
}

test("the MCP SDK client discovers, registers, is authorized in the browser, calls tools and refreshes after a revocation", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const { origin, redirectUrl } = loopbackRedirect();
  const provider = new E2EOAuthProvider({ redirectUrl, clientName: CLIENT_NAME });
  const client = newClient();

  // 1. No token: 401 → protected-resource metadata → AS metadata → DCR → send the user to /authorize.
  const firstLog: Exchange[] = [];
  const firstTransport = newTransport(provider, firstLog);
  await connectExpectingAuthorization(client, firstTransport);
  expect(firstLog).toContainEqual({
    method: "GET",
    path: "/.well-known/oauth-protected-resource/mcp/demo",
    status: 200,
  });
  expect(firstLog).toContainEqual({
    method: "GET",
    path: "/.well-known/oauth-authorization-server/oauth/demo",
    status: 200,
  });
  expect(posts(firstLog)).toEqual(["POST /mcp/demo 401", "POST /oauth/demo/register 201"]);

  expect(provider.savedClientInformation).toHaveLength(1);
  const clientId = provider.clientId;
  expect(clientId).toBeTruthy();
  expect(provider.savedTokens).toHaveLength(0);
  expect(provider.authorizationUrls).toHaveLength(1);
  const authorizationUrl = provider.lastAuthorizationUrl;
  expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(`${ISSUER}/authorize`);
  const asked = authorizationUrl.searchParams;
  expect(asked.get("response_type")).toBe("code");
  expect(asked.get("client_id")).toBe(clientId);
  expect(asked.get("redirect_uri")).toBe(redirectUrl);
  expect(asked.get("code_challenge_method")).toBe("S256");
  expect(asked.get("code_challenge")).toBeTruthy();
  expect(asked.get("state")).toBe(provider.states.at(-1));
  expect(asked.get("resource")).toBe(MCP_URL);
  expect(asked.get("scope")).toBe(SCOPE);

  // 2. The browser: sign in as the owner, see who is asking, Allow → back to the loopback URI.
  const { callback } = await captureRedirect(page, origin);
  await openConsentScreen(page, authorizationUrl, CLIENT_NAME);
  await page.getByRole("button", { name: "Allow" }).click();
  const returned = await callback;
  expect(`${returned.origin}${returned.pathname}`).toBe(redirectUrl);
  expect(returned.searchParams.get("error")).toBeNull();
  expect(returned.searchParams.get("state")).toBe(asked.get("state"));
  expect(returned.searchParams.get("iss")).toBe(ISSUER);
  const code = returned.searchParams.get("code");
  expect(code).toBeTruthy();
  await expect(page.getByRole("heading", { name: "You can return to the application." })).toBeVisible();

  // 3. Exchange the code (PKCE), then connect on a new transport with the same provider.
  await firstTransport.finishAuth(code!);
  expect(provider.savedTokens).toHaveLength(1);
  const first = provider.savedTokens[0]!;
  expect(first.token_type.toLowerCase()).toBe("bearer");
  expect(first.access_token).toBeTruthy();
  expect(first.refresh_token).toBeTruthy();

  const log: Exchange[] = [];
  const transport = newTransport(provider, log);
  await client.connect(transport);
  expect(client.getServerVersion()?.name).toBe("gatehouse-demo");
  const tools = await client.listTools();
  expect(tools.tools.map((t) => t.name).sort()).toEqual(["echo", "server_settings", "whoami"]);

  const me = await whoami(client);
  expect(me.client_id).toBe(clientId);
  expect(me.scopes).toContain(SCOPE);
  expect(me.sub).toBeTruthy();

  // 4. Revoke the current access token (RFC 7009, public client: client_id, no secret).
  const metadata = (await (
    await request.get(`${GATEHOUSE_URL}/.well-known/oauth-authorization-server/oauth/demo`)
  ).json()) as { revocation_endpoint: string };
  expect(metadata.revocation_endpoint).toBe(`${ISSUER}/revoke`);
  const revoked = await request.post(metadata.revocation_endpoint, {
    form: { token: first.access_token, client_id: clientId },
  });
  expect(revoked.status()).toBe(200);

  // The resource server sees it at once: 401 invalid_token, with the metadata URL to rediscover.
  const probe = await request.post(MCP_URL, {
    headers: {
      Authorization: `Bearer ${first.access_token}`,
      Accept: "application/json, text/event-stream",
      "Content-Type": "application/json",
    },
    data: { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} },
  });
  expect(probe.status()).toBe(401);
  const challenge = probe.headers()["www-authenticate"] ?? "";
  expect(challenge).toMatch(/^Bearer /);
  expect(challenge).toContain('error="invalid_token"');
  expect(challenge).toContain(`resource_metadata="${GATEHOUSE_URL}/.well-known/oauth-protected-resource/mcp/demo"`);

  // 5. The next call gets 401 invalid_token; the SDK refreshes (rotation) and retries on its own.
  const mark = log.length;
  const again = await whoami(client);
  expect(posts(log.slice(mark))).toEqual(["POST /mcp/demo 401", "POST /oauth/demo/token 200", "POST /mcp/demo 200"]);
  expect(provider.savedTokens).toHaveLength(2);
  const second = provider.savedTokens[1]!;
  expect(second.access_token).toBeTruthy();
  expect(second.access_token).not.toBe(first.access_token);
  expect(second.refresh_token).toBeTruthy();
  expect(second.refresh_token).not.toBe(first.refresh_token);
  expect(again.client_id).toBe(clientId);
  expect(again.sub).toBe(me.sub);
  expect(again.scopes).toContain(SCOPE);

  const message = `hello from the MCP SDK ${Date.now()}`;
  const echoed = await client.callTool({ name: "echo", arguments: { message } });
  expect(echoed.content).toEqual([{ type: "text", text: message }]);

  // No second browser authorization, no re-registration, nothing forgotten.
  expect(provider.authorizationUrls).toHaveLength(1);
  expect(provider.savedClientInformation).toHaveLength(1);
  expect(provider.invalidations).toEqual([]);

  // 6. On the server, the old refresh token was rotated into the new one: presented again within
  // the refresh grace window (RT-12, for clients that refresh from several processes at once) it
  // yields the same successor, not a new branch of the family.
  const replay = await request.post(`${ISSUER}/token`, {
    form: { grant_type: "refresh_token", refresh_token: first.refresh_token!, client_id: clientId, resource: MCP_URL },
  });
  expect(replay.status()).toBe(200);
  expect(((await replay.json()) as { refresh_token: string }).refresh_token).toBe(second.refresh_token);

  await client.close();
});

test("Deny sends the user back with error=access_denied, the state and the issuer", async ({ page }) => {
  const { origin, redirectUrl } = loopbackRedirect();
  const provider = new E2EOAuthProvider({ redirectUrl, clientName: "E2E MCP client (deny)" });
  const client = newClient();
  await connectExpectingAuthorization(client, newTransport(provider, []));
  const authorizationUrl = provider.lastAuthorizationUrl;

  const { callback } = await captureRedirect(page, origin);
  await openConsentScreen(page, authorizationUrl, "E2E MCP client (deny)");
  await page.getByRole("button", { name: "Deny" }).click();
  const returned = await callback;
  expect(`${returned.origin}${returned.pathname}`).toBe(redirectUrl);
  expect(returned.searchParams.get("error")).toBe("access_denied");
  expect(returned.searchParams.get("state")).toBe(authorizationUrl.searchParams.get("state"));
  expect(returned.searchParams.get("iss")).toBe(ISSUER);
  expect(returned.searchParams.get("code")).toBeNull();
  expect(provider.savedTokens).toHaveLength(0);
});

test("an authorize request with an unregistered redirect_uri shows an error page and never redirects", async ({
  page,
}) => {
  const { redirectUrl } = loopbackRedirect();
  const provider = new E2EOAuthProvider({ redirectUrl, clientName: "E2E MCP client (bad redirect)" });
  await connectExpectingAuthorization(newClient(), newTransport(provider, []));

  const url = new URL(provider.lastAuthorizationUrl);
  url.searchParams.set("redirect_uri", "https://attacker.example/callback");
  const response = await page.request.get(url.toString(), { maxRedirects: 0 });
  expect(response.status()).toBe(400);
  expect(response.headers()["location"]).toBeUndefined();
  expect(response.headers()["content-type"]).toContain("text/html");
  const body = await response.text();
  expect(body).toContain("Invalid redirect URI");
  expect(body).not.toContain("attacker.example");
});

test("AUTHZ-07: a self-registered client's bad request is shown in the browser, not redirected; the link goes back with the error", async ({
  page,
}) => {
  const { redirectUrl } = loopbackRedirect();
  const provider = new E2EOAuthProvider({ redirectUrl, clientName: "E2E MCP client (bad scope)" });
  await connectExpectingAuthorization(newClient(), newTransport(provider, []));

  const url = new URL(provider.lastAuthorizationUrl);
  url.searchParams.set("scope", "bogus:scope");
  await page.goto(url.toString());
  expect(new URL(page.url()).origin).toBe(GATEHOUSE_URL); // still on Gatehouse: no automatic redirect
  await expect(page.getByRole("heading", { name: "This sign-in request cannot continue" })).toBeVisible();
  await expect(page.getByText("has not verified it")).toBeVisible();
  const back = page.getByRole("link", { name: /^Return to E2E MCP client \(bad scope\)/ });
  const href = new URL((await back.getAttribute("href"))!);
  expect(`${href.origin}${href.pathname}`).toBe(redirectUrl);
  expect(href.searchParams.get("error")).toBe("invalid_scope");
  expect(href.searchParams.get("state")).toBe(url.searchParams.get("state"));
  expect(href.searchParams.get("iss")).toBe(ISSUER);
});

test("step-up: server_settings needs mcp:admin; re-authorized for the union, the consent screen asks only for mcp:admin", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = "E2E MCP client (step-up)";
  const { origin, redirectUrl } = loopbackRedirect();
  const provider = new E2EOAuthProvider({ redirectUrl, clientName: name });
  const client = newClient();

  // 1. The first authorization asks for the baseline the 401 challenge names: mcp:tools only.
  const firstTransport = newTransport(provider, []);
  await connectExpectingAuthorization(client, firstTransport);
  expect(provider.lastAuthorizationUrl.searchParams.get("scope")).toBe(SCOPE);
  const first = await captureRedirect(page, origin);
  await openConsentScreen(page, provider.lastAuthorizationUrl, name);
  await page.getByRole("button", { name: "Allow" }).click();
  await firstTransport.finishAuth((await first.callback).searchParams.get("code")!);
  expect(provider.savedTokens.at(-1)?.scope).toBe(SCOPE);

  // 2. server_settings → 403 insufficient_scope naming mcp:admin. SDK 1.32 answers a 403 by refreshing
  // (it always refreshes first when it holds a refresh token, typescript-sdk#2255), gets the same
  // scope back (RFC 6749 §6), sees the same 403 and gives up.
  const log: Exchange[] = [];
  const challenges: string[] = [];
  await client.connect(newTransport(provider, log, challenges));
  const mark = log.length;
  const refused = await client.callTool({ name: "server_settings", arguments: {} }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(String(refused)).toMatch(/403/);
  expect(posts(log.slice(mark))).toEqual(["POST /mcp/demo 403", "POST /oauth/demo/token 200", "POST /mcp/demo 403"]);
  const challenge = parseBearerChallenge(challenges.at(-1) ?? null);
  expect(challenge).toMatchObject({ error: "insufficient_scope", scope: "mcp:admin" });

  // 3. The application does what MCP 2026-07-28 asks of clients (SEP-2350): it asks for the union of
  // what it holds and what the challenge names, through the SDK's own auth().
  const held = provider.savedTokens.at(-1)?.scope?.split(" ") ?? [];
  const union = [...new Set([...held, ...challenge!.scope!.split(" ")])].join(" ");
  expect(union).toBe("mcp:tools mcp:admin");
  provider.invalidateCredentials("tokens");
  expect(await auth(provider, { serverUrl: MCP_URL, scope: union, fetchFn: recordingFetch(log) })).toBe("REDIRECT");
  const stepUpUrl = provider.lastAuthorizationUrl;
  expect(stepUpUrl.searchParams.get("scope")).toBe(union);

  // 4. The consent screen (still signed in) asks only for mcp:admin and says mcp:tools is already allowed.
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const second = await captureRedirect(page, origin);
  await page.goto(stepUpUrl.toString());
  await expect(page.getByRole("heading", { level: 1, name: `${name} wants to access Demo MCP server` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "It now also asks to" })).toBeVisible();
  await expect(page.getByRole("list", { name: "New permissions" }).getByRole("listitem")).toHaveText([/^mcp:admin/]);
  await expect(page.getByRole("list", { name: "Already allowed" }).getByRole("listitem")).toHaveText([/^mcp:tools/]);
  await page.getByRole("button", { name: "Allow" }).click();
  const code = (await second.callback).searchParams.get("code");
  expect(code).toBeTruthy();

  // 5. The token response's scope lists what was granted, and the tool works.
  const stepped = newTransport(provider, log);
  await stepped.finishAuth(code!);
  expect(provider.savedTokens.at(-1)?.scope).toBe("mcp:tools mcp:admin");
  const after = newClient();
  await after.connect(newTransport(provider, log));
  const settings = await after.callTool({ name: "server_settings", arguments: {} });
  expect(settings.isError ?? false).toBe(false);
  expect(JSON.parse((settings.content as { text: string }[])[0]!.text)).toMatchObject({ resource: MCP_URL });
  expect((await whoami(after)).scopes).toEqual(["mcp:tools", "mcp:admin"]);
  await after.close();
  await client.close();
});
