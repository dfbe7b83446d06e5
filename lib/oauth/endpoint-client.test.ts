import { describe, expect, it } from "vitest";
import { hashSecret } from "./client-credentials-secret";
import { authenticateEndpointClient, type FailedAuthLimiter } from "./endpoint-client";
import type { AuthenticatableClient } from "./client-auth";
import { OAuthError, oauthErrorResponse } from "./errors";
import { parseParams } from "./params";

interface TestClient extends AuthenticatableClient {
  clientId: string;
}

const conf: TestClient = {
  clientId: "ghc_conf",
  isConfidential: true,
  tokenEndpointAuthMethod: "client_secret_basic",
  disabledAt: null,
  secretHash: hashSecret("ghs_right"),
  previousSecretHash: null,
  previousSecretExpiresAt: null,
};
const pub: TestClient = {
  clientId: "ghc_pub",
  isConfidential: false,
  tokenEndpointAuthMethod: "none",
  disabledAt: null,
  secretHash: null,
  previousSecretHash: null,
  previousSecretExpiresAt: null,
};

/** A limiter that blocks for `wait` seconds and records what it is told. */
function fakeLimiter(wait = 0) {
  const asked: string[] = [];
  const failures: string[] = [];
  const limiter: FailedAuthLimiter = {
    blockedFor: async (key) => {
      asked.push(key);
      return wait;
    },
    recordFailure: async (key) => {
      failures.push(key);
    },
  };
  return { limiter, asked, failures };
}

function deps(limiter?: FailedAuthLimiter) {
  const lookups: string[] = [];
  return {
    lookups,
    deps: {
      findClient: async (id: string) => {
        lookups.push(id);
        return [conf, pub].find((c) => c.clientId === id) ?? null;
      },
      now: () => new Date(),
      limiter,
      clientIp: "198.51.100.4",
    },
  };
}

const body = (query: string) => parseParams(new URLSearchParams(query)).params;
const noHeaders = new Headers();

async function failure(promise: Promise<unknown>): Promise<OAuthError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof OAuthError) return err;
  throw new Error(`expected an OAuthError, got ${String(err)}`);
}

describe("authenticateEndpointClient", () => {
  it("TOK-05: authenticates a confidential client with the right secret and records nothing", async () => {
    const { limiter, asked, failures } = fakeLimiter();
    const client = await authenticateEndpointClient(
      noHeaders,
      body("client_id=ghc_conf&client_secret=ghs_right"),
      deps(limiter).deps,
    );
    expect(client).toBe(conf);
    expect(asked).toEqual(["client-auth:ghc_conf:198.51.100.4"]);
    expect(failures).toEqual([]);
  });

  it("TOK-08: authenticates a public client by client_id alone", async () => {
    expect(await authenticateEndpointClient(noHeaders, body("client_id=ghc_pub"), deps().deps)).toBe(pub);
  });

  it("GEN-07: a wrong secret is invalid_client and records a failure for this client and address", async () => {
    const { limiter, failures } = fakeLimiter();
    const err = await failure(
      authenticateEndpointClient(noHeaders, body("client_id=ghc_conf&client_secret=ghs_wrong"), deps(limiter).deps),
    );
    expect(err.code).toBe("invalid_client");
    expect(failures).toEqual(["client-auth:ghc_conf:198.51.100.4"]);
  });

  it("GEN-07: a secret for an unknown client also records a failure (no client enumeration for free)", async () => {
    const { limiter, failures } = fakeLimiter();
    await failure(
      authenticateEndpointClient(noHeaders, body("client_id=ghc_nobody&client_secret=x"), deps(limiter).deps),
    );
    expect(failures).toEqual(["client-auth:ghc_nobody:198.51.100.4"]);
  });

  it("GEN-07: a failure without a secret (no guess was made) is not counted", async () => {
    const { limiter, failures } = fakeLimiter();
    const err = await failure(authenticateEndpointClient(noHeaders, body("client_id=ghc_conf"), deps(limiter).deps));
    expect(err.code).toBe("invalid_client");
    expect(failures).toEqual([]);
  });

  it("GEN-07: when blocked, answers 429 with Retry-After before looking the client up", async () => {
    const { limiter, failures } = fakeLimiter(42);
    const { deps: d, lookups } = deps(limiter);
    const err = await failure(
      authenticateEndpointClient(noHeaders, body("client_id=ghc_conf&client_secret=ghs_right"), d),
    );
    expect(err).toMatchObject({ code: "invalid_client", status: 429, headers: { "Retry-After": "42" } });
    expect(lookups).toEqual([]);
    expect(failures).toEqual([]);
    const res = oauthErrorResponse(err, false);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("42");
  });

  it("GEN-07: keys the limiter by Basic credentials too, and by '-' when the address is unknown", async () => {
    const { limiter, asked, failures } = fakeLimiter();
    const headers = new Headers({ authorization: `Basic ${Buffer.from("ghc_conf:ghs_wrong").toString("base64")}` });
    await failure(
      authenticateEndpointClient(headers, body("grant_type=client_credentials"), {
        ...deps(limiter).deps,
        clientIp: null,
      }),
    );
    expect(asked).toEqual(["client-auth:ghc_conf:-"]);
    expect(failures).toEqual(["client-auth:ghc_conf:-"]);
  });

  it("works without a limiter", async () => {
    const err = await failure(
      authenticateEndpointClient(noHeaders, body("client_id=ghc_conf&client_secret=ghs_wrong"), deps().deps),
    );
    expect(err.code).toBe("invalid_client");
  });

  it("TOK-07: two methods at once are invalid_request before any lookup", async () => {
    const { deps: d, lookups } = deps();
    const headers = new Headers({ authorization: `Basic ${Buffer.from("ghc_conf:ghs_right").toString("base64")}` });
    const err = await failure(authenticateEndpointClient(headers, body("client_secret=ghs_right"), d));
    expect(err.code).toBe("invalid_request");
    expect(lookups).toEqual([]);
  });
});
