// Metadata-document clients end to end inside the process (checklist §4): /authorize fetches the
// document from an HTTPS fixture on 127.0.0.1 (loopback allowed for these tests, with the test's
// own CA), the client row appears, the token endpoint accepts the URL as client_id, and every
// failure is an error page, never a redirect. The flag-off tests use a fake resolver and connector
// for the document and a canary on loopback for its logo.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as logoRoute } from "@/app/api/client-logos/[id]/route";
import type { Connector, Resolver } from "@/lib/net/guarded-fetch";
import {
  createServer,
  ForbiddenError,
  getMetadataDocumentStatus,
  refreshMetadataDocument,
  systemContext,
  type ServerDto,
  type SessionUser,
} from "@/lib/services";
import { decideAuthorization, startAuthorization } from "@/lib/services/oauth/authorization";
import { metadataResponse } from "@/lib/services/oauth/discovery";
import { tokenEndpoint } from "@/lib/services/oauth/endpoints";
import { metrics } from "@/lib/metrics/metrics";
import { createTestDb } from "@/test/db";
import { counted } from "@/test/metrics";
import { auditCount, insertUser, makeCtx, serverInput, unique } from "@/test/factories";
import { startCanary, startHttpsFixture, type Canary, type HttpsFixture } from "@/test/loopback-servers";
import { makeTestPki, type TestPki } from "@/test/tls";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { clientKeySource, JWKS_REFETCH_MIN_MS } from "@/lib/services/oauth/client-keys";
import { setCimdTransportForTests } from "./transport";

const database = await createTestDb();
const sys = systemContext("test", { db: database.prisma });
const CB = "http://127.0.0.1:8976/callback";
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

type Reply = { status?: number; headers?: Record<string, string>; body?: string | Buffer };
const replies = new Map<string, Reply | Reply[]>();
let pki: TestPki;
let fixture: HttpsFixture;
let canary: Canary;
let user: SessionUser;

function handler(req: IncomingMessage, res: ServerResponse) {
  const entry = replies.get(req.url ?? "");
  const reply = Array.isArray(entry) ? (entry.length > 1 ? entry.shift() : entry[0]) : entry;
  if (!reply) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(reply.status ?? 200, { "Content-Type": "application/json", ...reply.headers });
  res.end(reply.body ?? "");
}

beforeAll(async () => {
  pki = makeTestPki();
  fixture = await startHttpsFixture(pki, handler);
  canary = await startCanary();
  const u = await insertUser(database, null);
  user = { id: u.id, email: u.email, name: null, role: null };
});

afterAll(async () => {
  setCimdTransportForTests(undefined);
  await Promise.all([fixture.close(), canary.close()]);
  pki.cleanup();
});

afterEach(() => {
  vi.useRealTimers();
  setCimdTransportForTests({ allowLoopback: true, ca: pki.ca });
});

/** A fresh document URL on the fixture, serving `doc` (client_id filled in) with `headers`. */
function serveDocument(extra: Record<string, unknown> = {}, reply: Reply = {}): string {
  const path = `/${unique("client")}.json`;
  const url = `${fixture.origin}${path}`;
  replies.set(path, {
    ...reply,
    body: JSON.stringify({ client_id: url, client_name: "Fixture App", redirect_uris: [CB], ...extra }),
  });
  return url;
}

function gets(url: string): number {
  const path = new URL(url).pathname;
  return fixture.requests.filter((r) => r.path === path).length;
}

async function cimdServer(extra: Record<string, unknown> = {}): Promise<ServerDto> {
  return createServer({ ctx: sys, input: serverInput({ cimdEnabled: true, ...extra }) });
}

async function authorize(server: ServerDto, clientId: string, extra: Record<string, string> = {}) {
  const url = new URL(`http://localhost:3000/oauth/${server.slug}/authorize`);
  const params = {
    response_type: "code",
    client_id: clientId,
    redirect_uri: CB,
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
    state: "s1",
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return startAuthorization(new Request(url), server.slug, user);
}

async function expectErrorPage(server: ServerDto, clientId: string, words: string) {
  const outcome = await authorize(server, clientId);
  expect(outcome.kind, JSON.stringify(outcome)).toBe("error_page");
  if (outcome.kind === "error_page") expect(`${outcome.title}: ${outcome.description}`).toContain(words);
}

function row(serverId: string, clientId: string) {
  return database.prisma.oAuthClient.findUnique({ where: { serverId_clientId: { serverId, clientId } } });
}

beforeAll(() => setCimdTransportForTests({ allowLoopback: true, ca: pki.ca }));

describe("META-08 / CIMD-01: advertised while enabled", () => {
  it("the metadata says client_id_metadata_document_supported: true only while CIMD is on", async () => {
    const on = await cimdServer();
    const off = await createServer({ ctx: sys, input: serverInput() });
    expect(
      ((await (await metadataResponse(on.slug)).json()) as Record<string, unknown>)
        .client_id_metadata_document_supported,
    ).toBe(true);
    expect(await (await metadataResponse(off.slug)).json()).not.toHaveProperty("client_id_metadata_document_supported");
  });
});

describe("first use (CIMD-01, CIMD-03)", () => {
  it("fetches the document once with Accept: application/json and creates a CIMD client row", async () => {
    const server = await cimdServer();
    const clientId = serveDocument(
      { client_uri: "https://fixture.example" },
      { headers: { "Cache-Control": "max-age=3600" } },
    );
    const before = Date.now();
    const fetched = await counted(metrics.cimdFetches, { outcome: "success" });
    const outcome = await authorize(server, clientId);
    expect(outcome.kind).toBe("consent");
    expect(gets(clientId)).toBe(1);
    expect(await counted(metrics.cimdFetches, { outcome: "success" })).toBe(fetched + 1);
    expect(fixture.requests.at(-1)?.accept).toBe("application/json");
    const client = await row(server.id, clientId);
    expect(client).toMatchObject({
      registration: "METADATA_DOCUMENT",
      name: "Fixture App",
      redirectUris: [CB],
      isConfidential: false,
      tokenEndpointAuthMethod: "none",
      grantTypes: ["authorization_code", "refresh_token"],
      clientUri: "https://fixture.example",
      cimdLastError: null,
      secretHash: null,
    });
    expect(client?.metadata).toMatchObject({ client_id: clientId, client_name: "Fixture App" });
    const ttl = (client!.cimdExpiresAt!.getTime() - before) / 1000;
    expect(ttl).toBeGreaterThan(3590);
    expect(ttl).toBeLessThan(3700);
    expect(await auditCount(database, "client.registered", client!.id)).toBe(1);
    // The webhook payload is this audit entry: it says how the client arrived (docs/webhooks.md).
    const event = await database.prisma.auditEvent.findFirst({
      where: { action: "client.registered", targetId: client!.id },
    });
    expect(event?.details).toMatchObject({ registration: "METADATA_DOCUMENT", clientId });
  });

  it("runs the whole flow: consent, then the token endpoint accepts the URL client_id with no secret", async () => {
    const server = await cimdServer();
    const clientId = serveDocument();
    const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const outcome = await authorize(server, clientId);
    expect(outcome.kind).toBe("consent");
    if (outcome.kind !== "consent") return;
    const location = new URL(await decideAuthorization(server.slug, outcome.requestId, user, true));
    const code = location.searchParams.get("code")!;
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      client_id: clientId,
      redirect_uri: CB,
      resource: server.resourceUrl,
    });
    const res = await tokenEndpoint(
      new Request(`http://localhost:3000/oauth/${server.slug}/token`, {
        method: "POST",
        body: form,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
      server.slug,
    );
    expect(res.status, res.body ?? "").toBe(200);
    const tokens = JSON.parse(res.body ?? "{}") as { access_token: string; refresh_token: string };
    expect(tokens.refresh_token).toBeTruthy();
    // A secret is refused: the client is public.
    const withSecret = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: clientId,
      client_secret: "x",
    });
    const refused = await tokenEndpoint(
      new Request(`http://localhost:3000/oauth/${server.slug}/token`, {
        method: "POST",
        body: withSecret,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
      server.slug,
    );
    expect(refused.status).toBe(401);
    expect(gets(clientId)).toBe(1);
  });
});

describe("CIMD-16: caching", () => {
  it("(b) uses the stored document while fresh: a second /authorize makes no request", async () => {
    const server = await cimdServer();
    const clientId = serveDocument({}, { headers: { "Cache-Control": "max-age=3600" } });
    expect((await authorize(server, clientId)).kind).toBe("consent");
    expect((await authorize(server, clientId)).kind).toBe("consent");
    expect(gets(clientId)).toBe(1);
  });

  it("(a) an error is not cached: 500 then 200 → the second /authorize succeeds after 2 GETs", async () => {
    const server = await cimdServer();
    const clientId = serveDocument();
    const path = new URL(clientId).pathname;
    const good = replies.get(path) as Reply;
    replies.set(path, [{ status: 500, body: "oops" }, good]);
    await expectErrorPage(server, clientId, "HTTP 500");
    expect((await authorize(server, clientId)).kind).toBe("consent");
    expect(gets(clientId)).toBe(2);
  });

  it("(c) an invalid document then a valid one → the second succeeds", async () => {
    const server = await cimdServer();
    const clientId = serveDocument();
    const path = new URL(clientId).pathname;
    const good = replies.get(path) as Reply;
    replies.set(path, [{ body: JSON.stringify({ client_id: clientId, redirect_uris: [CB] }) }, good]);
    await expectErrorPage(server, clientId, "client_name");
    expect((await authorize(server, clientId)).kind).toBe("consent");
  });

  it("re-fetches a stale document, audits a changed one, and keeps the last good one when a re-fetch fails", async () => {
    const server = await cimdServer();
    const clientId = serveDocument();
    expect((await authorize(server, clientId)).kind).toBe("consent");
    const first = await row(server.id, clientId);

    const path = new URL(clientId).pathname;
    const other = "http://127.0.0.1:9000/callback";
    replies.set(path, {
      body: JSON.stringify({ client_id: clientId, client_name: "Fixture App", redirect_uris: [CB, other] }),
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 25 * 3600_000);
    expect((await authorize(server, clientId)).kind).toBe("consent");
    expect(gets(clientId)).toBe(2);
    const second = await row(server.id, clientId);
    expect(second?.redirectUris).toEqual([CB, other]);
    const changed = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "client.metadata_changed", targetId: first!.id },
    });
    expect(changed.details).toMatchObject({
      changed: ["redirect_uris"],
      before: { redirect_uris: [CB] },
      after: { redirect_uris: [CB, other] },
    });

    replies.set(path, { status: 404, body: "" });
    vi.setSystemTime(Date.now() + 25 * 3600_000);
    await expectErrorPage(server, clientId, "HTTP 404");
    const third = await row(server.id, clientId);
    expect(third?.redirectUris).toEqual([CB, other]);
    expect(third?.cimdExpiresAt).toEqual(second?.cimdExpiresAt);
    expect(third?.cimdLastError).toContain("HTTP 404");
  });
});

describe("every failure is an error page, never a redirect (CIMD-04…CIMD-08, CIMD-13, CIMD-15)", () => {
  it("CIMD-04: only 200 counts (201 refused)", async () => {
    const server = await cimdServer();
    const before = await counted(metrics.cimdFetches, { outcome: "http_error" });
    await expectErrorPage(server, serveDocument({}, { status: 201 }), "HTTP 201");
    expect(await counted(metrics.cimdFetches, { outcome: "http_error" })).toBe(before + 1);
  });

  it("CIMD-05: a redirect is not followed; its target is never requested", async () => {
    const server = await cimdServer();
    const target = serveDocument();
    const path = `/${unique("redirect")}.json`;
    replies.set(path, { status: 302, headers: { Location: target } });
    const before = await counted(metrics.cimdFetches, { outcome: "redirect" });
    await expectErrorPage(server, `${fixture.origin}${path}`, "Redirects are not followed");
    expect(await counted(metrics.cimdFetches, { outcome: "redirect" })).toBe(before + 1);
    expect(gets(target)).toBe(0);
  });

  it("CIMD-06: invalid JSON, and a client_id that differs from the URL", async () => {
    const server = await cimdServer();
    const path = `/${unique("junk")}.json`;
    replies.set(path, { body: "{not json" });
    const before = await counted(metrics.cimdFetches, { outcome: "invalid_document" });
    await expectErrorPage(server, `${fixture.origin}${path}`, "not valid JSON");
    expect(await counted(metrics.cimdFetches, { outcome: "invalid_document" })).toBe(before + 1);
    const clientId = serveDocument();
    const p2 = new URL(clientId).pathname;
    replies.set(p2, { body: JSON.stringify({ client_id: `${clientId}/`, client_name: "x", redirect_uris: [CB] }) });
    await expectErrorPage(server, clientId, "must be exactly the URL");
  });

  it("CIMD-07 and CIMD-08: required fields, no shared secret, no private_key_jwt", async () => {
    const server = await cimdServer();
    await expectErrorPage(server, serveDocument({ redirect_uris: [] }), "at least one redirect URI");
    await expectErrorPage(
      server,
      serveDocument({ token_endpoint_auth_method: "client_secret_basic" }),
      "shared secret",
    );
    await expectErrorPage(server, serveDocument({ client_secret: "abc" }), "client_secret");
    await expectErrorPage(server, serveDocument({ token_endpoint_auth_method: "private_key_jwt" }), "jwks");
  });

  it("PKJWT: a private_key_jwt client with a jwks_uri on HTTPS exchanges its code with a signed assertion", async () => {
    const server = await cimdServer();
    const jwksPath = `/${unique("jwks")}.json`;
    const pair = await generateKeyPair("ES256", { extractable: true });
    const pub = { ...(await exportJWK(pair.publicKey)), kid: "cimd-1" };
    replies.set(jwksPath, { body: JSON.stringify({ keys: [pub] }) });
    const clientId = serveDocument({
      token_endpoint_auth_method: "private_key_jwt",
      jwks_uri: `${fixture.origin}${jwksPath}`,
    });
    const outcome = await authorize(server, clientId);
    expect(outcome.kind).toBe("consent");
    if (outcome.kind !== "consent") return;
    const stored = await row(server.id, clientId);
    expect(stored).toMatchObject({
      tokenEndpointAuthMethod: "private_key_jwt",
      isConfidential: true,
      jwksUri: `${fixture.origin}${jwksPath}`,
    });
    const code = new URL(await decideAuthorization(server.slug, outcome.requestId, user, true)).searchParams.get(
      "code",
    )!;
    const exchange = (assertion: string | undefined) =>
      tokenEndpoint(
        new Request(`http://localhost:3000/oauth/${server.slug}/token`, {
          method: "POST",
          body: new URLSearchParams({
            grant_type: "authorization_code",
            code,
            code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            client_id: clientId,
            redirect_uri: CB,
            resource: server.resourceUrl,
            ...(assertion
              ? {
                  client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                  client_assertion: assertion,
                }
              : {}),
          }),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
        server.slug,
      );
    // Without the assertion the client cannot act as a public one.
    expect((await exchange(undefined)).status).toBe(401);
    const assertion = await new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: "ES256", kid: "cimd-1" })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(`http://localhost:3000/oauth/${server.slug}`)
      .setIssuedAt()
      .setExpirationTime("60s")
      .sign(pair.privateKey);
    const res = await exchange(assertion);
    expect(res.status, res.body ?? "").toBe(200);
    expect(gets(`${fixture.origin}${jwksPath}`)).toBeGreaterThanOrEqual(1);
  });

  it("PKJWT: a key rotated in at the jwks_uri is picked up by one refetch, rate-limited", async () => {
    const jwksPath = `/${unique("jwks")}.json`;
    const uri = `${fixture.origin}${jwksPath}`;
    const k1 = { ...(await exportJWK((await generateKeyPair("ES256")).publicKey)), kid: "k1" };
    const k2 = { ...(await exportJWK((await generateKeyPair("ES256")).publicKey)), kid: "k2" };
    replies.set(jwksPath, [{ body: JSON.stringify({ keys: [k1] }) }, { body: JSON.stringify({ keys: [k1, k2] }) }]);
    let t = 1_000_000;
    const source = clientKeySource({ jwks: null, jwksUri: uri }, () => t);
    expect((await source.keys(false)).map((k) => k.kid)).toEqual(["k1"]);
    expect((await source.keys(false)).map((k) => k.kid)).toEqual(["k1"]);
    expect(gets(uri)).toBe(1);
    // An unknown kid right after a fetch does not refetch (at most once per JWKS_REFETCH_MIN_MS)…
    expect((await source.keys(true)).map((k) => k.kid)).toEqual(["k1"]);
    expect(gets(uri)).toBe(1);
    // …after that window it does, and the rotated key is there.
    t += JWKS_REFETCH_MIN_MS + 1;
    expect((await source.keys(true)).map((k) => k.kid)).toEqual(["k1", "k2"]);
    expect(gets(uri)).toBe(2);
  });

  it("CIMD-13: a document over 5 KB", async () => {
    const server = await cimdServer();
    await expectErrorPage(server, serveDocument({ padding: "x".repeat(6 * 1024) }), "5120 bytes");
  });

  it("CIMD-02: malformed client_id URLs are refused before anything is fetched", async () => {
    const server = await cimdServer();
    const before = fixture.requests.length;
    for (const id of [
      `${fixture.origin}`,
      `${fixture.origin}/a/../c.json`,
      `https://u:p@127.0.0.1:${fixture.port}/c.json`,
      `${fixture.origin}/c.json?x=1`,
    ]) {
      await expectErrorPage(server, id, "metadata-document client_id");
    }
    expect(fixture.requests.length).toBe(before);
  });

  it("CIMD-09: the redirect_uri must be one of the document's; the loopback port may differ", async () => {
    const server = await cimdServer();
    const clientId = serveDocument();
    const bad = await authorize(server, clientId, { redirect_uri: "https://attacker.example/cb" });
    expect(bad).toMatchObject({ kind: "error_page", title: "Invalid redirect URI" });
    expect((await authorize(server, clientId, { redirect_uri: "http://127.0.0.1:51234/callback" })).kind).toBe(
      "consent",
    );
  });
});

describe("CIMD-19: per-server policy, checked before fetching", () => {
  it("CIMD off: nothing is fetched and the page says so", async () => {
    const server = await createServer({ ctx: sys, input: serverInput() });
    const clientId = serveDocument();
    await expectErrorPage(server, clientId, "does not accept");
    expect(gets(clientId)).toBe(0);
  });

  it("an allowlist without the host, and a denylist with it, refuse without fetching", async () => {
    const allow = await cimdServer({ cimdTrust: "ALLOWLIST", cimdHosts: ["clients.example.com"] });
    const deny = await cimdServer({ cimdTrust: "DENYLIST", cimdHosts: ["127.0.0.1"] });
    const clientId = serveDocument();
    await expectErrorPage(allow, clientId, "not on this MCP server's list");
    await expectErrorPage(deny, clientId, "blocked");
    expect(gets(clientId)).toBe(0);
    const allowed = await cimdServer({ cimdTrust: "ALLOWLIST", cimdHosts: ["127.0.0.1"] });
    expect((await authorize(allowed, clientId)).kind).toBe("consent");
  });
});

describe("CIMD-12 / CIMD-18: the logo, fetched by Gatehouse and served from its own origin", () => {
  it("stores a PNG and serves it with its type, nosniff and a locked-down CSP", async () => {
    const server = await cimdServer();
    const logoPath = `/${unique("logo")}.png`;
    replies.set(logoPath, { headers: { "Content-Type": "image/png" }, body: PNG });
    const clientId = serveDocument({ logo_uri: `${fixture.origin}${logoPath}` });
    expect((await authorize(server, clientId)).kind).toBe("consent");
    const client = await row(server.id, clientId);
    expect(client?.logoUri).toMatch(new RegExp(`^/api/client-logos/${client!.id}\\?v=`));
    const res = await logoRoute(new Request(`http://localhost:3000${client!.logoUri}`), {
      params: Promise.resolve({ id: client!.id }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("does not show a logo that is not an image it accepts, and says why", async () => {
    const server = await cimdServer();
    const logoPath = `/${unique("logo")}.svg`;
    replies.set(logoPath, { headers: { "Content-Type": "image/svg+xml" }, body: "<svg/>" });
    const clientId = serveDocument({ logo_uri: `${fixture.origin}${logoPath}` });
    expect((await authorize(server, clientId)).kind).toBe("consent");
    const client = await row(server.id, clientId);
    expect(client?.logoUri).toBeNull();
    expect(client?.cimdLastError).toContain("logo is not shown");
    expect(await database.prisma.clientLogo.count({ where: { clientId: client!.id } })).toBe(0);
    const missing = await logoRoute(new Request("http://localhost:3000/api/client-logos/x"), {
      params: Promise.resolve({ id: client!.id }),
    });
    expect(missing.status).toBe(404);
  });
});

describe("SSRF with the loopback flag off (CIMD-11, CIMD-12)", () => {
  it("a document URL on loopback is refused and the canary sees nothing", async () => {
    setCimdTransportForTests({ allowLoopback: false, ca: pki.ca });
    const server = await cimdServer();
    for (const host of ["127.0.0.1", "localhost", "[::1]", "2130706433", "0x7f000001", "[::ffff:127.0.0.1]"]) {
      await expectErrorPage(server, `https://${host}:${canary.port}/c.json`, "SSRF protection");
    }
    expect(canary.hits).toBe(0);
  });

  it("a logo_uri on loopback is never fetched: the document is used, the logo is not", async () => {
    const docUrl = "https://client.fixture.example/c.json";
    const logoUri = `https://127.0.0.1:${canary.port}/logo.png`;
    const connected: string[] = [];
    // The document comes from a fake public host: no socket is opened for it at all.
    const resolver: Resolver = async (name) =>
      name === "client.fixture.example" ? [{ address: "93.184.216.34", family: 4 }] : [];
    const connector: Connector = async (req) => {
      connected.push(req.url.href);
      if (req.url.href !== docUrl) throw new Error(`unexpected connection to ${req.url.href}`);
      const body = JSON.stringify({ client_id: docUrl, client_name: "Fake", redirect_uris: [CB], logo_uri: logoUri });
      return {
        status: 200,
        headers: { "content-type": "application/json" },
        body: [Buffer.from(body)],
        destroy: () => {},
      };
    };
    setCimdTransportForTests({ allowLoopback: false, resolver, connector });
    const server = await cimdServer();
    expect((await authorize(server, docUrl)).kind).toBe("consent");
    expect(connected).toEqual([docUrl]);
    expect(canary.hits).toBe(0);
    const client = await row(server.id, docUrl);
    expect(client?.logoUri).toBeNull();
    expect(client?.cimdLastError).toContain("loopback");
  });
});

describe("the dashboard: status and Refresh now", () => {
  it("shows the host, the document and the times; Refresh now fetches again and is audited", async () => {
    const server = await cimdServer();
    const clientId = serveDocument({}, { headers: { "Cache-Control": "max-age=86400" } });
    expect((await authorize(server, clientId)).kind).toBe("consent");
    const client = (await row(server.id, clientId))!;
    const dev = await makeCtx(database, "DEVELOPER");
    const status = await getMetadataDocumentStatus({ ctx: dev, serverSlug: server.slug, clientId: client.id });
    expect(status).toMatchObject({
      host: `127.0.0.1:${fixture.port}`,
      documentUrl: clientId,
      lastError: null,
      document: { client_name: "Fixture App" },
    });

    const result = await refreshMetadataDocument({ ctx: dev, serverSlug: server.slug, input: { clientId: client.id } });
    expect(result).toEqual({ ok: true, error: null });
    expect(gets(clientId)).toBe(2);
    expect(await auditCount(database, "client.metadata_refreshed", client.id)).toBe(1);

    replies.set(new URL(clientId).pathname, { status: 503 });
    const failed = await refreshMetadataDocument({ ctx: dev, serverSlug: server.slug, input: { clientId: client.id } });
    expect(failed.ok).toBe(false);
    expect(failed.error).toContain("HTTP 503");
    expect(
      (await getMetadataDocumentStatus({ ctx: dev, serverSlug: server.slug, clientId: client.id }))?.lastError,
    ).toContain("HTTP 503");
    expect(await auditCount(database, "client.metadata_refreshed", client.id)).toBe(2);
  });

  it("Refresh now is refused for a VIEWER, and for a client that is not a metadata-document client", async () => {
    const server = await cimdServer();
    const viewer = await makeCtx(database, "VIEWER");
    await expect(
      refreshMetadataDocument({ ctx: viewer, serverSlug: server.slug, input: { clientId: "cli_x" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const dev = await makeCtx(database, "DEVELOPER");
    const { createClient } = await import("@/lib/services");
    const { client } = await createClient({
      ctx: dev,
      serverSlug: server.slug,
      input: { name: "Manual", redirectUris: [CB], isPublic: true },
    });
    await expect(
      refreshMetadataDocument({ ctx: dev, serverSlug: server.slug, input: { clientId: client.id } }),
    ).rejects.toThrow("metadata document");
    expect(await getMetadataDocumentStatus({ ctx: dev, serverSlug: server.slug, clientId: client.id })).toBeNull();
  });
});
