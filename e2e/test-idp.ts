// A real OpenID Provider for the e2e stories (sso.spec.ts, scim.spec.ts): the `oidc-provider`
// package on loopback, with its own dev login and consent pages, issuing real signed ID tokens.
import type { AddressInfo } from "node:net";
import http from "node:http";
import { expect, type Browser, type Page } from "@playwright/test";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { E2EOAuthProvider } from "./mcp-oauth-provider";

export const GATEHOUSE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

export interface TestIdpPerson {
  sub: string;
  email: string;
  name: string;
}

export interface TestIdp {
  issuer: string;
  slug: string;
  label: string;
  client: { client_id: string; client_secret: string };
  person: TestIdpPerson;
  close: () => Promise<void>;
}

export async function startTestIdp(opts: { slug: string; label: string; person: TestIdpPerson }): Promise<TestIdp> {
  const client = { client_id: `gatehouse-e2e-${opts.slug}`, client_secret: "e2e-idp-secret-0123456789" };
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const spec = "oidc-provider"; // untyped package: a non-literal specifier keeps tsc from looking for types
  const { default: Provider } = (await import(spec)) as {
    default: new (
      issuer: string,
      config: Record<string, unknown>,
    ) => { callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void };
  };
  const { person } = opts;
  const provider = new Provider(issuer, {
    clients: [
      {
        ...client,
        redirect_uris: [`${GATEHOUSE_URL}/api/identity/${opts.slug}/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Put the scope's claims in the ID token itself (Gatehouse reads the ID token, not userinfo).
    conformIdTokenClaims: false,
    cookies: { keys: ["e2e-cookie-key-0123456789abcdef"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, sub: string) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: person.email, email_verified: true, name: person.name };
        },
      };
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    slug: opts.slug,
    label: opts.label,
    client,
    person,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Keep the browser on loopback: the IdP's dev pages link a web font. */
export async function loopbackOnly(page: Page) {
  await page.context().route(
    (url) => !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname),
    (route) => route.abort(),
  );
}

/** Settings → Identity providers → Add provider, then Test connection (an owner's page). */
export async function addTestIdp(admin: Page, idp: TestIdp, allowedDomain: string) {
  await admin.goto("/settings/identity-providers/new");
  await admin.getByLabel("Issuer URL").fill(idp.issuer);
  await admin.getByLabel("Button label").fill(idp.label);
  await admin.getByLabel("Slug").fill(idp.slug);
  await admin.getByLabel("Client ID").fill(idp.client.client_id);
  await admin.getByLabel("Client secret").fill(idp.client.client_secret);
  await admin.getByLabel("Allowed email domains").fill(allowedDomain);
  await admin.getByRole("button", { name: "Add provider" }).click();
  await expect(admin.getByTestId("callback-url")).toHaveText(`${GATEHOUSE_URL}/api/identity/${idp.slug}/callback`);
  await admin.getByRole("button", { name: "Test connection" }).click();
  const checks = admin.getByRole("list", { name: "Connection checks" });
  await expect(checks).toContainText("Discovery:");
  await expect(checks).not.toContainText("✗");
}

/** From Gatehouse's sign-in page: "Continue with …", then the IdP's own login and consent pages. */
export async function continueWithTestIdp(page: Page, idp: TestIdp) {
  await page.getByRole("link", { name: `Continue with ${idp.label}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(idp.person.sub);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  // A second sign-in may skip the IdP's consent page (the grant is remembered there).
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
}

/**
 * The whole SSO story for an MCP client: the official MCP SDK client registers (DCR) and sends a
 * signed-out browser to authorize; Gatehouse's sign-in page says who is asking; the IdP signs the
 * person in; Gatehouse's consent screen follows (the authorization request survived the round
 * trip); then tokens and tools/list. Returns the SDK's OAuth provider (its saved tokens) and the
 * person's browser context.
 */
export async function authorizeMcpClientThroughIdp(browser: Browser, idp: TestIdp, clientName: string) {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const redirectUrl = `http://127.0.0.1:${port}/callback`;
  const oauth = new E2EOAuthProvider({ redirectUrl, clientName });
  const client = new Client({ name: "gatehouse-e2e-sso", version: "1.0.0" });
  const first = new StreamableHTTPClientTransport(new URL(`${GATEHOUSE_URL}/mcp/demo`), { authProvider: oauth });
  const err = await client.connect(first).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnauthorizedError);

  const context = await browser.newContext();
  const page = await context.newPage();
  await loopbackOnly(page);
  let resolveCode!: (url: URL) => void;
  const returned = new Promise<URL>((r) => (resolveCode = r));
  await page.route(
    (url) => url.origin === `http://127.0.0.1:${port}`,
    async (route) => {
      resolveCode(new URL(route.request().url()));
      await route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Done</h1>" });
    },
  );
  await page.goto(oauth.lastAuthorizationUrl.toString());
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByText(`Sign in to continue to ${clientName} on Demo MCP server.`)).toBeVisible();
  await continueWithTestIdp(page, idp);

  await expect(page).toHaveURL(new RegExp(`^${GATEHOUSE_URL}/oauth/demo/consent/`));
  await expect(
    page.getByRole("heading", { level: 1, name: `${clientName} wants to access Demo MCP server` }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  const callback = await returned;
  expect(callback.searchParams.get("iss")).toBe(`${GATEHOUSE_URL}/oauth/demo`);

  await first.finishAuth(callback.searchParams.get("code")!);
  const transport = new StreamableHTTPClientTransport(new URL(`${GATEHOUSE_URL}/mcp/demo`), { authProvider: oauth });
  await client.connect(transport);
  const tools = await client.listTools();
  expect(tools.tools.map((t) => t.name)).toContain("whoami");
  await client.close();
  return { oauth, context };
}
