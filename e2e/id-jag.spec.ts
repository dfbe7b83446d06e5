// Enterprise-managed authorization in the browser: the owner trusts an identity provider for the
// demo MCP server (Settings → Identity providers → ID-JAG), a pre-registered confidential client
// presents the IdP's ID-JAG at the token endpoint of the running server, and the access shows in
// the client's Consents tab as granted by the IdP's policy; revoking it there says the next
// assertion grants it again, and the token stops at once. The IdP is test/fake-idp.ts on loopback
// (discovery, JWKS, jose-signed assertions); the server runs with GATEHOUSE_IDP_ALLOW_HTTP_LOOPBACK.
import { expect, test, type Page } from "@playwright/test";
import { startFakeIdp, type FakeIdp } from "../test/fake-idp";
import { expectSignedInDashboard, OWNER, signIn } from "./helpers";
import { GATEHOUSE_URL, loopbackOnly } from "./test-idp";

const ISSUER = `${GATEHOUSE_URL}/oauth/demo`;
const RESOURCE = `${GATEHOUSE_URL}/mcp/demo`;
const run = Date.now().toString(36);
const LABEL = `Corp IdP ${run}`;
const CLIENT_NAME = `Claude for Work ${run}`;
const EMAIL = `ada-${run}@corp.example`;

let idp: FakeIdp;
let admin: Page;
const client = { clientId: "", secret: "", id: "" };

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  idp = await startFakeIdp();
  admin = await browser.newPage();
  await loopbackOnly(admin);
  await signIn(admin, OWNER.email, OWNER.password);
  await expectSignedInDashboard(admin);
});

test.afterAll(async () => {
  await admin?.close();
  await idp?.close();
});

const basic = () => `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}`;

async function tokenWith(assertion: string) {
  return admin.request.post(`${ISSUER}/token`, {
    headers: { authorization: basic() },
    form: { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion },
  });
}

const mint = () =>
  idp.mintIdJag({
    aud: ISSUER,
    resource: RESOURCE,
    client_id: client.clientId,
    scope: "mcp:tools",
    sub: `00u-${run}`,
    email: EMAIL,
    email_verified: true,
    name: "Ada Lovelace",
  });

test("the owner trusts the IdP for the demo server; the client's ID-JAG gets a token", async () => {
  await admin.goto("/settings/identity-providers/new");
  await admin.getByLabel("Issuer URL").fill(idp.issuer);
  await admin.getByLabel("Button label").fill(LABEL);
  await admin.getByLabel("Slug").fill(`corp-${run}`);
  await admin.getByLabel("Client ID").fill(idp.clientId);
  await admin.getByLabel("Client secret").fill("s3cret-value");
  await admin.getByLabel("Allowed email domains").fill("corp.example");
  const idJag = admin.getByRole("group", { name: "Enterprise-managed authorization (ID-JAG)" });
  await expect(idJag).toContainText("without a consent screen");
  await idJag.getByRole("checkbox", { name: "Demo MCP server" }).check();
  await admin.getByRole("button", { name: "Add provider" }).click();
  await expect(admin.getByTestId("callback-url")).toBeVisible();

  const res = await admin.request.post("/api/v1/servers/demo/clients", { data: { name: CLIENT_NAME } });
  expect(res.status()).toBe(201);
  const created = (await res.json()) as { client: { id: string; clientId: string }; clientSecret: string };
  Object.assign(client, { clientId: created.client.clientId, secret: created.clientSecret, id: created.client.id });

  const token = await tokenWith(await mint());
  expect(token.status()).toBe(200);
  const body = (await token.json()) as { access_token: string; scope: string; refresh_token?: string };
  expect(body.scope).toBe("mcp:tools");
  expect(body.refresh_token).toBeUndefined();
});

test("the Consents tab shows the access as granted by the IdP's policy; revoking it ends the token", async () => {
  const first = (await (await tokenWith(await mint())).json()) as { access_token: string };
  await admin.goto(`/servers/demo/clients/${client.id}/consents`);
  const row = admin.getByRole("row").filter({ hasText: EMAIL });
  await expect(row).toContainText(`by ${LABEL} policy`);
  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = admin.getByRole("alertdialog");
  await expect(confirm).toContainText(
    `Access granted by ${LABEL} policy comes back with the client's next identity assertion`,
  );
  await confirm.getByRole("button", { name: "Revoke consent" }).click();
  await expect(admin.getByRole("row").filter({ hasText: EMAIL })).toHaveCount(0);
  // The row leaves at once (optimistic); the toast says the server has done it.
  await expect(admin.getByRole("listitem").filter({ hasText: "Consent revoked" })).toBeVisible();

  const introspection = await admin.request.post(`${ISSUER}/introspect`, {
    headers: { authorization: basic() },
    form: { token: first.access_token },
  });
  expect(await introspection.json()).toEqual({ active: false });
});
