// The verifier against an authorization server simulated in memory: keys, tokens and status lists
// are signed here with jose; fetches never leave the process (a fetch function serves them).
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { parseBearerChallenge } from "./bearer.ts";
import { fakeAs, ISSUER, other, RESOURCE, T0, token, verifierFor } from "./fake-issuer.test-helper.ts";

function request(token?: string, headers: Record<string, string> = {}) {
  return new Request(RESOURCE, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

describe("createResourceVerifier", () => {
  it("accepts a valid RFC 9068 token and reports who presented it", async () => {
    const v = verifierFor(fakeAs());
    const result = await v.authorize(request(await token()));
    expect(result).toMatchObject({ ok: true, access: { clientId: "c1", subject: "usr_1", scopes: ["mcp:tools"] } });
  });

  it("no token: 401 with resource_metadata and the scopes to ask for, no error code", async () => {
    const result = await verifierFor(fakeAs()).authorize(request());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(401);
    expect(parseBearerChallenge(result.headers[0]![1])).toEqual({
      scope: "mcp:tools",
      resource_metadata: "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
    });
  });

  it.each([
    ["forged (signed by another key)", { signWith: undefined as CryptoKey | undefined, forged: true }, /signature/],
    ["expired", { now: T0 - 3600_000 }, /expired/],
    ["for another audience", { claims: { aud: "https://other.example.com/mcp" } }, /another resource/],
    ["of another type", { typ: "JWT" }, /RFC 9068/],
    ["from another issuer", { claims: { iss: "https://evil.example.com" } }, /another authorization server/],
  ] as const)("refuses a token %s with 401 invalid_token", async (_name, opts, description) => {
    const o = opts as Parameters<typeof token>[0] & { forged?: boolean };
    const t = await token({ ...o, ...(o.forged ? { signWith: other } : {}) });
    const result = await verifierFor(fakeAs()).authorize(request(t));
    expect(result).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
    if (!result.ok) expect(result.error_description).toMatch(description);
  });

  it("refuses alg none", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url");
    const payload = Buffer.from(
      JSON.stringify({ iss: ISSUER, aud: RESOURCE, sub: "u", client_id: "c", jti: "j", iat: 1, exp: 4e9 }),
    ).toString("base64url");
    const result = await verifierFor(fakeAs()).authorize(request(`${header}.${payload}.`));
    expect(result).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
  });

  it("an unknown kid refetches the JWKS once, then not again within the cooldown", async () => {
    const as = fakeAs();
    const v = verifierFor(as);
    expect((await v.authorize(request(await token()))).ok).toBe(true);
    expect(as.state.hits["/oauth/demo/jwks"]).toBe(1);
    // jose's JWKS cooldown (30 s) runs on the real clock: let it pass.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31_000 });
    onTestFinished(() => void vi.useRealTimers());
    for (let i = 0; i < 3; i++) {
      const result = await v.authorize(request(await token({ kid: "unknown" })));
      expect(result).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
    }
    expect(as.state.hits["/oauth/demo/jwks"]).toBe(2);
  });

  it("status list: accepted, then refused once the bit is set and the ttl has passed, with no other call", async () => {
    const as = fakeAs();
    const v = verifierFor(as);
    const t = await token();
    expect((await v.authorize(request(t))).ok).toBe(true);
    as.state.invalid.add(3);
    as.state.now += 9_000; // within ttl (10 s): the cached list still says VALID
    expect((await v.authorize(request(t))).ok).toBe(true);
    as.state.now += 2_000;
    const result = await v.authorize(request(t));
    expect(result).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
    if (!result.ok) expect(result.error_description).toMatch(/revoked/);
    expect(Object.keys(as.state.hits).sort()).toEqual(["/oauth/demo/jwks", "/oauth/demo/status-lists/sl_1"]);
    expect(as.state.hits["/oauth/demo/status-lists/sl_1"]).toBe(2);
  });

  it("status list unreachable: the last list serves until its exp, then every token fails closed (503)", async () => {
    const as = fakeAs();
    const v = verifierFor(as);
    const t = await token({ now: T0 });
    expect((await v.authorize(request(t))).ok).toBe(true);
    as.state.reachable = false;
    as.state.now += 30_000; // past ttl, before exp (iat + 80 s): the stale list is still used
    expect((await v.authorize(request(t))).ok).toBe(true);
    as.state.now += 60_000; // past exp
    const result = await v.authorize(request(t));
    expect(result).toMatchObject({ ok: false, status: 503, error: "temporarily_unavailable" });
    as.state.reachable = true;
    as.state.now += 1_000;
    expect((await v.authorize(request(t))).ok).toBe(true);
  });

  it("a list URI outside the issuer is never fetched", async () => {
    const as = fakeAs();
    const t = await token({ claims: { status: { status_list: { idx: 1, uri: "https://169.254.169.254/list" } } } });
    const result = await verifierFor(as).authorize(request(t));
    expect(result).toMatchObject({ ok: false, status: 503 });
    expect(as.state.hits["/list"]).toBeUndefined();
  });

  it("insufficient scope: 403 naming every scope the operation needs; a broader scope implies narrower ones", async () => {
    const v = verifierFor(fakeAs());
    const result = await v.authorize(request(await token()), ["mcp:tools", "mcp:admin"]);
    expect(result).toMatchObject({ ok: false, status: 403, error: "insufficient_scope" });
    if (result.ok) return;
    expect(result.error_description).toBe("This call needs the scope mcp:admin.");
    expect(parseBearerChallenge(result.headers[0]![1])).toMatchObject({
      error: "insufficient_scope",
      scope: "mcp:tools mcp:admin",
    });
    const admin = await token({ claims: { scope: "mcp:admin" } });
    expect((await v.authorize(request(admin), ["mcp:tools"])).ok).toBe(true);
  });

  it("a DPoP-bound token sent as Bearer is refused with a DPoP challenge", async () => {
    const t = await token({ claims: { cnf: { jkt: "abc" } } });
    const result = await verifierFor(fakeAs()).authorize(request(t));
    expect(result).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
    if (!result.ok) expect(result.headers.map(([, v]) => v.split(" ")[0])).toEqual(["DPoP", "Bearer"]);
  });
});
