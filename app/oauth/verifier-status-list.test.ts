// The verifier package against Gatehouse itself: an MCP server that verifies tokens locally (keys from
// the real JWKS route, status from the real status-list route) accepts a token, keeps accepting it
// within the list's ttl after the consent is revoked, and refuses it once the ttl has passed — with
// no introspection call, and no request other than the JWKS and the status list.
import { createResourceVerifier } from "@gatehouse/mcp-resource-auth";
import { describe, expect, it } from "vitest";
import { consentFlow } from "@/test/consent-flow";
import { createTestDb } from "@/test/db";
import { makeCtx } from "@/test/factories";
import { listClientConsents, revokeClientConsents } from "@/lib/services";
import { protocolRoute } from "@/test/protocol-route";
const jwksRoute = protocolRoute("/oauth/[slug]/jwks");
const listRoute = protocolRoute("/oauth/[slug]/status-lists/[id]");

const database = await createTestDb();
const { slug, server, sys, newUser, newClient, consentAndTokens } = await consentFlow(database, "vsl");

describe("@gatehouse/mcp-resource-auth with Gatehouse's status list (TSL-10)", () => {
  it("accepts, then refuses after the revocation and the ttl, with zero introspection calls", async () => {
    const requests: string[] = [];
    // Fetches go to the route handlers in this process: nothing leaves it.
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      requests.push(path);
      if (path === `/oauth/${slug}/jwks`) return jwksRoute.GET(request, { params: Promise.resolve({ slug }) });
      const list = new RegExp(`^/oauth/${slug}/status-lists/([^/]+)$`).exec(path);
      if (list) return listRoute.GET(request, { params: Promise.resolve({ slug, id: list[1]! }) });
      return new Response("unexpected", { status: 500 });
    }) as typeof globalThis.fetch;
    let now = Date.now();
    const verifier = createResourceVerifier({
      issuer: server.issuer,
      resource: server.resource,
      jwks: `${server.issuer}/jwks`,
      fetch,
      now: () => now,
    });
    const user = await newUser();
    const client = await newClient();
    const tokens = await consentAndTokens(user, client);
    const call = () =>
      verifier.authorize(new Request(server.resource, { headers: { authorization: `Bearer ${tokens.access_token}` } }));

    expect(await call()).toMatchObject({ ok: true, access: { subject: user.id } });
    const { consents } = await listClientConsents({ ctx: sys, serverSlug: slug, clientId: client.dto.id, input: {} });
    await revokeClientConsents({
      ctx: await makeCtx(database, "SECURITY"),
      serverSlug: slug,
      clientId: client.dto.id,
      input: { consentIds: consents.map((c) => c.id) },
    });
    // Within the ttl the resource server still holds the list it fetched: the bound the dialogs state.
    now += (server.statusListTtl - 1) * 1000;
    expect((await call()).ok).toBe(true);
    // Gatehouse builds a list at most a second old; past the ttl the verifier fetches it again.
    await new Promise((r) => setTimeout(r, 1100));
    now += 2000;
    const refused = await call();
    expect(refused).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
    if (!refused.ok) expect(refused.error_description).toMatch(/revoked/);

    expect(requests.filter((p) => !p.endsWith("/jwks") && !p.includes("/status-lists/"))).toEqual([]);
    expect(verifier.statusListFetches).toBe(2);
  });
});
