// Token Status List (draft-ietf-oauth-status-list) at a relying party: an access token's
// `status.status_list {idx, uri}` names a bit in a signed, zlib-compressed list that the resource
// server fetches once per `ttl` instead of asking the authorization server about every request.
//
// Caching and failure (documented in the README): a list is used for its `ttl` (§5.1), then
// re-fetched with If-None-Match; requests for the same list wait on one fetch. When a re-fetch fails
// the last list is used until the `exp` of its Status List Token (the issuer's own statement of how
// long it may be relied on; Gatehouse sets iat + 2·ttl + 60 s) and then every token on that list is
// refused (fail closed) until a fetch succeeds again. Failed fetches are retried at most once a second.
import { inflateSync } from "node:zlib";
import { errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from "jose";

export const STATUS_LIST_TYP = "statuslist+jwt";
export const STATUS_LIST_MEDIA_TYPE = "application/statuslist+jwt";

/** §7.1 status values. */
export const STATUS_VALID = 0;
export const STATUS_INVALID = 1;

/** The `status` claim of a referenced token (§6.1). */
export interface StatusClaim {
  status_list: { idx: number; uri: string };
}

export class StatusListUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StatusListUnavailable";
  }
}

/** Decompresses `lst` (base64url of a zlib/DEFLATE stream, §4.1). Bounded: 2^24 statuses at most. */
export function decodeStatusBits(lst: string): Uint8Array {
  return inflateSync(Buffer.from(lst, "base64url"), { maxOutputLength: 16 * 1024 * 1024 });
}

/** The status at `idx` with `bits` per status, least significant bits first within each byte (§4.1). */
export function statusAt(bytes: Uint8Array, idx: number, bits = 1): number {
  const perByte = 8 / bits;
  const byte = bytes[Math.floor(idx / perByte)];
  if (byte === undefined) throw new StatusListUnavailable("The status index is outside the status list.");
  return (byte >> ((idx % perByte) * bits)) & ((1 << bits) - 1);
}

/** Reads and validates a token's status claim; undefined when the token has none. */
export function readStatusClaim(claims: Record<string, unknown>): StatusClaim | undefined | "malformed" {
  const status = claims.status;
  if (status === undefined) return undefined;
  const list = (status as { status_list?: unknown } | null)?.status_list as
    { idx?: unknown; uri?: unknown } | undefined;
  if (
    typeof list !== "object" ||
    list === null ||
    !Number.isSafeInteger(list.idx) ||
    (list.idx as number) < 0 ||
    typeof list.uri !== "string"
  )
    return "malformed";
  return { status_list: { idx: list.idx as number, uri: list.uri } };
}

export interface StatusListCacheOptions {
  /** Keys that may sign Status List Tokens: the authorization server's JWKS. */
  getKey: JWTVerifyGetKey;
  algorithms: string[];
  /** Which list URIs may be fetched at all (the verifier allows only URIs under the issuer). */
  allowUri: (uri: string) => boolean;
  fetch: typeof fetch;
  /** Milliseconds since the epoch. */
  now: () => number;
  clockToleranceSeconds: number;
  /** Bounds a list's ttl from the token (seconds). */
  maxTtlSeconds?: number;
  fetchTimeoutMs?: number;
}

interface CachedList {
  bytes: Uint8Array;
  bits: number;
  etag: string | null;
  /** Re-fetch after this (ms). */
  freshUntil: number;
  /** Never use after this (ms): the Status List Token's exp, moved along by a 304. */
  usableUntil: number;
  ttlMs: number;
  lifetimeMs: number;
  failedAt?: number;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const RETRY_AFTER_FAILURE_MS = 1000;

export class StatusListCache {
  private readonly lists = new Map<string, CachedList>();
  private readonly inflight = new Map<string, Promise<CachedList>>();
  /** How many Status List Tokens were fetched (200 or 304): for tests and metrics. */
  fetches = 0;

  constructor(private readonly options: StatusListCacheOptions) {}

  /** The status of `idx` on the list at `uri`. Throws StatusListUnavailable when it cannot be known. */
  async status(uri: string, idx: number): Promise<number> {
    const list = await this.list(uri);
    return statusAt(list.bytes, idx, list.bits);
  }

  private async list(uri: string): Promise<CachedList> {
    if (!this.options.allowUri(uri)) throw new StatusListUnavailable("The token's status list is not at its issuer.");
    const now = this.options.now();
    const cached = this.lists.get(uri);
    if (cached && now < cached.freshUntil) return cached;
    // After a failure, do not fetch on every request: the stale list (or the refusal) stands for a second.
    if (cached?.failedAt !== undefined && now - cached.failedAt < RETRY_AFTER_FAILURE_MS)
      return this.stale(cached, now);
    let pending = this.inflight.get(uri);
    if (!pending) {
      pending = this.fetchList(uri, cached).finally(() => this.inflight.delete(uri));
      this.inflight.set(uri, pending);
    }
    try {
      const fresh = await pending;
      this.lists.set(uri, fresh);
      return fresh;
    } catch (err) {
      if (!cached) throw err instanceof StatusListUnavailable ? err : new StatusListUnavailable(String(err));
      cached.failedAt = this.options.now();
      return this.stale(cached, this.options.now());
    }
  }

  private stale(cached: CachedList, now: number): CachedList {
    if (now < cached.usableUntil) return cached;
    throw new StatusListUnavailable("The status list could not be refreshed and the last one has expired.");
  }

  private async fetchList(uri: string, cached: CachedList | undefined): Promise<CachedList> {
    const headers: Record<string, string> = { accept: STATUS_LIST_MEDIA_TYPE };
    if (cached?.etag) headers["if-none-match"] = cached.etag;
    let response: Response;
    try {
      response = await this.options.fetch(uri, {
        headers,
        redirect: "error",
        signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 5000),
      });
    } catch (err) {
      throw new StatusListUnavailable(`The status list could not be fetched: ${(err as Error).message}`);
    }
    this.fetches++;
    const now = this.options.now();
    if (response.status === 304 && cached) {
      // Same bits as before, vouched for now: fresh for another ttl, usable for the token's lifetime.
      return { ...cached, failedAt: undefined, freshUntil: now + cached.ttlMs, usableUntil: now + cached.lifetimeMs };
    }
    if (response.status !== 200) throw new StatusListUnavailable(`The status list answered HTTP ${response.status}.`);
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) throw new StatusListUnavailable("The status list is too large.");
    const jwt = (await response.text()).trim();
    if (jwt.length > MAX_BODY_BYTES) throw new StatusListUnavailable("The status list is too large.");
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(jwt, this.options.getKey, {
        typ: STATUS_LIST_TYP,
        algorithms: this.options.algorithms,
        subject: uri,
        requiredClaims: ["sub", "iat"],
        currentDate: new Date(now),
        clockTolerance: this.options.clockToleranceSeconds,
      }));
    } catch (err) {
      const why = err instanceof joseErrors.JOSEError ? err.code : "invalid";
      throw new StatusListUnavailable(`The Status List Token did not verify (${why}).`);
    }
    const list = payload.status_list as { bits?: unknown; lst?: unknown } | undefined;
    if (!list || ![1, 2, 4, 8].includes(list.bits as number) || typeof list.lst !== "string")
      throw new StatusListUnavailable("The Status List Token has no valid status_list.");
    let bytes: Uint8Array;
    try {
      bytes = decodeStatusBits(list.lst);
    } catch {
      throw new StatusListUnavailable("The status list does not decompress.");
    }
    const maxTtl = this.options.maxTtlSeconds ?? 3600;
    const ttl = typeof payload.ttl === "number" && payload.ttl > 0 ? Math.min(payload.ttl, maxTtl) : 10;
    const iat = payload.iat as number;
    const exp = typeof payload.exp === "number" ? payload.exp : iat + ttl;
    const lifetimeMs = Math.max(0, exp - iat) * 1000;
    return {
      bytes,
      bits: list.bits as number,
      etag: response.headers.get("etag"),
      ttlMs: ttl * 1000,
      lifetimeMs,
      freshUntil: now + ttl * 1000,
      usableUntil: exp * 1000,
    };
  }
}
