// Where a private_key_jwt client's public keys come from: the JWKS stored with the client, or its
// jwks_uri fetched through the SSRF guard (the CIMD transport rules: https, loopback only when
// local testing allows it). Fetched sets are cached per process for JWKS_TTL_MS; an unknown kid
// may force a refetch, but at most once per JWKS_REFETCH_MIN_MS per URL, so a stream of bogus
// kids cannot turn Gatehouse into a request amplifier against the client's server.
import type { JWK } from "jose";
import { guardedFetch, GuardedFetchError } from "@/lib/net/guarded-fetch";
import type { ClientKeySource } from "@/lib/oauth/client-assertion";
import { validatePublicJwks } from "@/lib/oauth/client-jwks";
import { OAuthError } from "@/lib/oauth/errors";
import { processWide } from "@/lib/process-state";
import { cimdTransport } from "../cimd/transport";

export const JWKS_TTL_MS = 5 * 60_000;
export const JWKS_REFETCH_MIN_MS = 30_000;
const JWKS_MAX_BYTES = 64 * 1024;
const JWKS_TIMEOUT_MS = 5_000;

interface Entry {
  keys: JWK[];
  fetchedAt: number;
}

const cache = processWide("__gatehouseClientJwksCache", () => new Map<string, Entry>());

export interface KeyedClient {
  jwks: unknown;
  jwksUri: string | null;
}

async function fetchJwks(uri: string): Promise<JWK[]> {
  const t = cimdTransport();
  let res;
  try {
    res = await guardedFetch(uri, {
      accept: "application/jwk-set+json, application/json",
      maxBytes: JWKS_MAX_BYTES,
      timeoutMs: JWKS_TIMEOUT_MS,
      allowLoopback: t.allowLoopback,
      allowHttp: t.allowHttp && t.allowLoopback,
      ...(t.resolver ? { resolver: t.resolver } : {}),
      ...(t.connector ? { connector: t.connector } : {}),
      ...(t.ca ? { ca: t.ca } : {}),
    });
  } catch (err) {
    if (err instanceof GuardedFetchError)
      throw new OAuthError("invalid_client", `Fetching jwks_uri failed: ${err.message}`);
    throw err;
  }
  if (res.status !== 200) throw new OAuthError("invalid_client", `jwks_uri answered HTTP ${res.status}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString("utf8"));
  } catch {
    throw new OAuthError("invalid_client", "jwks_uri did not serve JSON.");
  }
  const checked = validatePublicJwks(parsed);
  if (!checked.ok) throw new OAuthError("invalid_client", `jwks_uri: ${checked.reason}`);
  return checked.jwks.keys;
}

/** The key source for one client, for verifyClientAssertion. */
export function clientKeySource(client: KeyedClient, now: () => number = Date.now): ClientKeySource {
  return {
    async keys(refresh) {
      if (!client.jwksUri) {
        const stored = validatePublicJwks(client.jwks);
        return stored.ok ? stored.jwks.keys : [];
      }
      const uri = client.jwksUri;
      const hit = cache.get(uri);
      const age = hit ? now() - hit.fetchedAt : Infinity;
      if (hit && (refresh ? age < JWKS_REFETCH_MIN_MS : age < JWKS_TTL_MS)) return hit.keys;
      const keys = await fetchJwks(uri);
      cache.set(uri, { keys, fetchedAt: now() });
      return keys;
    },
  };
}

/** Tests: forget every fetched key set. */
export function clearClientJwksCache(): void {
  cache.clear();
}
