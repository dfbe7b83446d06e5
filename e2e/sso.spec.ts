// Sign-in through an upstream OpenID Provider, end to end: a real oidc-provider on loopback (its
// own login and consent pages, real signed ID tokens) is added on Settings → Identity providers;
// then the official MCP SDK client registers (DCR) and sends the user to authorize; Gatehouse's
// sign-in page says who is asking and offers "Continue with Test IdP"; the IdP's pages sign in and
// consent; Gatehouse's consent screen follows (the MCP authorization request survived the round
// trip), then tokens and tools/list. The server runs with GATEHOUSE_IDP_ALLOW_HTTP_LOOPBACK=1.
import type { AddressInfo } from "node:net";
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expectSignedInDashboard, OWNER, signIn } from "./helpers";
import { E2EOAuthProvider } from "./mcp-oauth-provider";

const GATEHOUSE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const SLUG = "test-idp";
const CLIENT = { client_id: "gatehouse-e2e", client_secret: "e2e-idp-secret-0123456789" };
const PERSON = { sub: "idp-user-1", email: "sso-person@corp.example", name: "Sam SSO" };

let idp: { issuer: string; close: () => Promise<void> };

test.beforeAll(async () => {
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
  const provider = new Provider(issuer, {
    clients: [
      {
        ...CLIENT,
        redirect_uris: [`${GATEHOUSE_URL}/api/identity/${SLUG}/callback`],
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
          return { sub, email: PERSON.email, email_verified: true, name: PERSON.name };
        },
      };
    },
  });
  server.on("request", provider.callback());
  idp = { issuer, close: () => new Promise((r) => server.close(() => r())) };
});

test.afterAll(async () => {
  await idp?.close();
});

/** Keep the browser on loopback: the IdP's dev pages link a web font. */
async function loopbackOnly(page: Page) {
  await page.context().route(
    (url) => !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname),
    (route) => route.abort(),
  );
}

test("an MCP client's authorization continues through an upstream OpenID provider to consent and tools", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // 1. The owner adds the provider and tests the connection.
  const admin = await browser.newPage();
  await loopbackOnly(admin);
  await signIn(admin, OWNER.email, OWNER.password);
  await expectSignedInDashboard(admin);
  await admin.goto("/settings/identity-providers/new");
  await admin.getByLabel("Issuer URL").fill(idp.issuer);
  await admin.getByLabel("Button label").fill("Test IdP");
  await admin.getByLabel("Slug").fill(SLUG);
  await admin.getByLabel("Client ID").fill(CLIENT.client_id);
  await admin.getByLabel("Client secret").fill(CLIENT.client_secret);
  await admin.getByLabel("Allowed email domains").fill("corp.example");
  await admin.getByRole("button", { name: "Add provider" }).click();
  await expect(admin.getByTestId("callback-url")).toHaveText(`${GATEHOUSE_URL}/api/identity/${SLUG}/callback`);
  await admin.getByRole("button", { name: "Test connection" }).click();
  const checks = admin.getByRole("list", { name: "Connection checks" });
  await expect(checks).toContainText("Discovery:");
  await expect(checks).not.toContainText("✗");
  await admin.close();

  // 2. The MCP SDK client registers and asks for authorization.
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const redirectUrl = `http://127.0.0.1:${port}/callback`;
  const oauth = new E2EOAuthProvider({ redirectUrl, clientName: "E2E SSO client" });
  const client = new Client({ name: "gatehouse-e2e-sso", version: "1.0.0" });
  const first = new StreamableHTTPClientTransport(new URL(`${GATEHOUSE_URL}/mcp/demo`), { authProvider: oauth });
  const err = await client.connect(first).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnauthorizedError);

  // 3. A signed-out browser: Gatehouse sign-in → Test IdP's login and consent → Gatehouse consent.
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
  await expect(page.getByText("Sign in to continue to E2E SSO client on Demo MCP server.")).toBeVisible();
  await page.getByRole("link", { name: "Continue with Test IdP" }).click();

  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(PERSON.sub);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(new RegExp(`^${GATEHOUSE_URL}/oauth/demo/consent/`));
  await expect(
    page.getByRole("heading", { level: 1, name: "E2E SSO client wants to access Demo MCP server" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  const callback = await returned;
  expect(callback.searchParams.get("iss")).toBe(`${GATEHOUSE_URL}/oauth/demo`);

  // 4. Tokens, then tools/list on a new transport.
  await first.finishAuth(callback.searchParams.get("code")!);
  const transport = new StreamableHTTPClientTransport(new URL(`${GATEHOUSE_URL}/mcp/demo`), { authProvider: oauth });
  await client.connect(transport);
  const tools = await client.listTools();
  expect(tools.tools.map((t) => t.name)).toContain("whoami");
  await client.close();
  await context.close();
});
