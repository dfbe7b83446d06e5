// The guarded fetch against real loopback listeners (CIMD-05, CIMD-11…CIMD-14). With the loopback
// flag off, a canary on 127.0.0.1 and [::1] must see no connection at all, whatever spelling or
// DNS answer points there. The private, shared and link-local ranges are exercised only through
// an injected resolver and a connector that fails the test if it is ever called: no test sends
// traffic to any address outside loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestPki, type TestPki } from "@/test/tls";
import { startCanary, startHttpsFixture, type Canary, type HttpsFixture } from "@/test/loopback-servers";
import {
  guardedFetch,
  GuardedFetchError,
  type Connector,
  type GuardedFetchOptions,
  type Resolver,
} from "./guarded-fetch";

let pki: TestPki;
let canary: Canary;
let fixture: HttpsFixture;
let hangingFixture: HttpsFixture;

beforeAll(async () => {
  pki = makeTestPki(["doc.test"]);
  canary = await startCanary();
  fixture = await startHttpsFixture(pki, (req, res) => {
    if (req.url === "/c.json") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ ok: true }));
    } else if (req.url === "/redirect") {
      res.writeHead(302, { Location: `https://127.0.0.1:${canary.port}/real.json` });
      res.end();
    } else if (req.url === "/big-declared") {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(6 * 1024) });
      res.end("x".repeat(6 * 1024));
    } else if (req.url === "/big-chunked") {
      res.writeHead(200, { "Content-Type": "application/json" });
      for (let i = 0; i < 12; i++) res.write("y".repeat(1024));
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  hangingFixture = await startHttpsFixture(pki, () => {
    /* never answers */
  });
});

afterAll(async () => {
  await Promise.all([canary.close(), fixture.close(), hangingFixture.close()]);
  pki.cleanup();
});

const base: GuardedFetchOptions = { accept: "application/json", maxBytes: 5 * 1024, timeoutMs: 5_000 };

/** A connector that must never run: the guard has to refuse before any connection. */
const mustNotConnect: Connector = () => {
  throw new Error("The connector was called: the guard let a forbidden address through");
};

async function refused(url: string, opts: Partial<GuardedFetchOptions> = {}): Promise<GuardedFetchError> {
  const err = await guardedFetch(url, { ...base, ca: pki.ca, ...opts }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `${url} must be refused`).toBeInstanceOf(GuardedFetchError);
  return err as GuardedFetchError;
}

describe("loopback flag off: the canary on 127.0.0.1 and [::1] receives nothing", () => {
  it.each([
    ["127.0.0.1", (p: number) => `https://127.0.0.1:${p}/c.json`],
    ["localhost", (p: number) => `https://localhost:${p}/c.json`],
    ["[::1]", (p: number) => `https://[::1]:${p}/c.json`],
    ["decimal 2130706433", (p: number) => `https://2130706433:${p}/c.json`],
    ["hex 0x7f000001", (p: number) => `https://0x7f000001:${p}/c.json`],
    ["octal 0177.0.0.1", (p: number) => `https://0177.0.0.1:${p}/c.json`],
    ["dotted hex 0x7f.0.0.1", (p: number) => `https://0x7f.0.0.1:${p}/c.json`],
    ["::ffff:127.0.0.1", (p: number) => `https://[::ffff:127.0.0.1]:${p}/c.json`],
    ["127.0.0.1 over http", (p: number) => `http://127.0.0.1:${p}/c.json`],
  ])("%s is refused before connecting", async (_label, url) => {
    const err = await refused(url(canary.port));
    expect(["forbidden_address", "scheme"]).toContain(err.code);
    expect(canary.hits).toBe(0);
  });

  it("a host name that resolves to loopback is refused, and nothing connects", async () => {
    const resolver: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    const err = await refused(`https://rebind.example:${canary.port}/c.json`, { resolver });
    expect(err.code).toBe("forbidden_address");
    expect(err.message).toContain("rebind.example resolves to 127.0.0.1");
    expect(canary.hits).toBe(0);
  });

  it("a name with one public and one loopback answer is refused outright", async () => {
    const resolver: Resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "::1", family: 6 },
    ];
    const err = await refused(`https://mixed.example:${canary.port}/c.json`, { resolver, connector: mustNotConnect });
    expect(err.code).toBe("forbidden_address");
    expect(canary.hits).toBe(0);
  });
});

describe("private, shared and link-local ranges: refused by the decision, never connected", () => {
  it.each([
    ["10/8", "10.0.0.1", 4],
    ["172.16/12", "172.20.1.1", 4],
    ["192.168/16", "192.168.1.10", 4],
    ["100.64/10", "100.64.0.1", 4],
    ["169.254/16", "169.254.169.254", 4],
    ["fc00::/7", "fd00::1", 6],
    ["fe80::/10", "fe80::1", 6],
  ])("%s as a literal and as a DNS answer", async (_range, address, family) => {
    const literal = family === 6 ? `https://[${address}]/c.json` : `https://${address}/c.json`;
    expect((await refused(literal, { connector: mustNotConnect })).code).toBe("forbidden_address");
    const resolver: Resolver = async () => [{ address, family }];
    expect((await refused("https://internal.example/c.json", { resolver, connector: mustNotConnect })).code).toBe(
      "forbidden_address",
    );
    // Not even the local-testing flag opens these.
    expect(
      (await refused("https://internal.example/c.json", { resolver, connector: mustNotConnect, allowLoopback: true }))
        .code,
    ).toBe("forbidden_address");
  });
});

describe("loopback flag on (local testing only)", () => {
  const on = { allowLoopback: true } as const;

  it("fetches from a loopback HTTPS server with the CA it is given", async () => {
    const res = await guardedFetch(`${fixture.origin}/c.json`, { ...base, ...on, ca: pki.ca });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString("utf8"))).toEqual({ ok: true });
    expect(fixture.requests.at(-1)?.accept).toBe("application/json");
  });

  it("never follows a redirect: the 302 comes back, and its target (the canary) gets nothing", async () => {
    const res = await guardedFetch(`${fixture.origin}/redirect`, { ...base, ...on, ca: pki.ca });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`https://127.0.0.1:${canary.port}/real.json`);
    expect(res.body.length).toBe(0);
    expect(canary.hits).toBe(0);
  });

  it("resolves a name once and pins the connection to the checked address (SNI keeps the name)", async () => {
    const answers = [[{ address: "127.0.0.1", family: 4 }], [{ address: "10.0.0.1", family: 4 }]];
    let calls = 0;
    const resolver: Resolver = async () => answers[Math.min(calls++, 1)]!;
    const res = await guardedFetch(`https://doc.test:${fixture.port}/c.json`, { ...base, ...on, ca: pki.ca, resolver });
    expect(res.status).toBe(200);
    expect(res.address).toBe("127.0.0.1");
    expect(calls).toBe(1);
    expect(fixture.requests.at(-1)?.host).toBe(`doc.test:${fixture.port}`);
  });

  it("still refuses plain http unless allowHttp is set too, and then only to loopback", async () => {
    expect((await refused(`http://127.0.0.1:${canary.port}/c.json`, on)).code).toBe("scheme");
    const resolver: Resolver = async () => [{ address: "93.184.216.34", family: 4 }];
    expect(
      (await refused("http://public.example/c.json", { ...on, allowHttp: true, resolver, connector: mustNotConnect }))
        .code,
    ).toBe("scheme");
    expect(canary.hits).toBe(0);
  });

  it("stops at a declared Content-Length over the limit", async () => {
    const err = await refused(`${fixture.origin}/big-declared`, on);
    expect(err.code).toBe("too_large");
  });

  it("stops reading a body that grows past the limit", async () => {
    const err = await refused(`${fixture.origin}/big-chunked`, on);
    expect(err.code).toBe("too_large");
    expect(err.message).toContain("stopped reading");
  });

  it("gives up after the time budget", async () => {
    const started = Date.now();
    const err = await refused(`${hangingFixture.origin}/c.json`, { ...on, timeoutMs: 300 });
    expect(err.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("refuses a certificate it cannot verify, saying so", async () => {
    const err = await refused(`${fixture.origin}/c.json`, { ...on, ca: makeOtherCa() });
    expect(err.code).toBe("tls");
    expect(err.message).toContain("certificate");
  });
});

describe("URL checks", () => {
  it("refuses credentials, other schemes and junk", async () => {
    expect((await refused("https://user:pw@example.com/c.json", { connector: mustNotConnect })).code).toBe(
      "invalid_url",
    );
    expect((await refused("ftp://example.com/c.json", { connector: mustNotConnect })).code).toBe("scheme");
    expect((await refused("not a url", { connector: mustNotConnect })).code).toBe("invalid_url");
  });
});

// Last, on purpose: proves the canary counts connections, so its zeros above mean something.
describe("control", () => {
  it("the canary does see a connection when the loopback flag lets one through", async () => {
    const before = canary.hits;
    await refused(`https://127.0.0.1:${canary.port}/c.json`, { allowLoopback: true });
    await refused(`https://[::1]:${canary.port}/c.json`, { allowLoopback: true });
    await expect.poll(() => canary.hits).toBe(before + 2);
  });
});

let otherCa: string | undefined;
function makeOtherCa(): string {
  if (!otherCa) {
    const other = makeTestPki();
    otherCa = other.ca;
    other.cleanup();
  }
  return otherCa;
}
