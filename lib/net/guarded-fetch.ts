// A GET for URLs that clients choose (CIMD documents, logo_uri), safe against SSRF and DNS
// rebinding (CIMD-01 §6.5, §6.6; checklist CIMD-05, CIMD-11…CIMD-14):
// - the host is resolved ONCE, every address it resolves to must pass the guard (ssrf-guard.ts),
//   and the connection is pinned to that checked address: node:https gets a `lookup` that returns
//   only it, so a second DNS answer can never switch the target; SNI and certificate checks still
//   use the host name (`servername`);
// - IP literals in any spelling are judged before any DNS (the WHATWG parser normalises them);
// - redirects are never followed (CIMD-05): a 3xx comes back to the caller as a status;
// - one time budget covers DNS, connect, TLS and the body; the body stops being read past maxBytes;
// - no connection reuse (agent: false), so a pooled socket to another address is never picked up.
// Self-signed test CAs are trusted the standard way (NODE_EXTRA_CA_CERTS), or per call with `ca`.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { checkAddress, classifyHost, isLoopbackAddress, type AddressFamily } from "./ssrf-guard";

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** What a connector must do: one GET to exactly `address`, presenting the URL's host name. */
export interface PinnedRequest {
  url: URL;
  address: string;
  family: AddressFamily;
  headers: Record<string, string>;
  ca?: string | Buffer | (string | Buffer)[];
  signal: AbortSignal;
}

export interface ConnectorResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Stop reading and close the connection. */
  destroy(): void;
}

export type Connector = (request: PinnedRequest) => Promise<ConnectorResponse>;

export interface GuardedFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  accept: string;
  /** Local testing only: loopback addresses pass the guard (no other special-use range does). */
  allowLoopback?: boolean;
  /** Local testing only: plain http, and only to a loopback address. */
  allowHttp?: boolean;
  resolver?: Resolver;
  connector?: Connector;
  ca?: string | Buffer | (string | Buffer)[];
}

export interface GuardedResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body of a 2xx response (at most maxBytes); empty for every other status. */
  body: Buffer;
  /** The address the connection went to. */
  address: string;
}

export type GuardedFetchErrorCode =
  "invalid_url" | "scheme" | "forbidden_address" | "dns" | "timeout" | "too_large" | "tls" | "network";

export class GuardedFetchError extends Error {
  constructor(
    readonly code: GuardedFetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "GuardedFetchError";
  }
}

const systemResolver: Resolver = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** node:https with the socket pinned to the checked address. */
export const pinnedHttpsConnector: Connector = (req) =>
  new Promise((resolve, reject) => {
    const isHttps = req.url.protocol === "https:";
    const hostname = req.url.hostname.replace(/^\[|\]$/g, "");
    const lookup: LookupFunction = (_name, options, callback) => {
      if (options.all) callback(null, [{ address: req.address, family: req.family }]);
      else callback(null, req.address, req.family);
    };
    const options: https.RequestOptions = {
      host: hostname,
      port: req.url.port || (isHttps ? 443 : 80),
      path: `${req.url.pathname}${req.url.search}`,
      method: "GET",
      headers: req.headers,
      lookup,
      agent: false,
      signal: req.signal,
      // SNI carries host names only (RFC 6066 §3); an IP literal is checked against the IP SANs.
      ...(isHttps ? { servername: isIP(hostname) ? undefined : hostname, ...(req.ca ? { ca: req.ca } : {}) } : {}),
    };
    const request = (isHttps ? https : http).request(options, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, destroy: () => res.destroy() });
    });
    request.on("error", reject);
    request.end();
  });

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL|HOSTNAME|ALTNAME/;

function describeNetworkError(err: unknown, url: URL): GuardedFetchError {
  const code = typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : "";
  const where = url.host;
  if (TLS_CODES.test(code)) {
    return new GuardedFetchError(
      "tls",
      `The TLS certificate of ${where} was not accepted (${code}). Serve it with a certificate from a trusted authority that names this host.`,
    );
  }
  if (code === "ECONNREFUSED") return new GuardedFetchError("network", `${where} refused the connection.`);
  if (code === "ECONNRESET" || code === "EPIPE")
    return new GuardedFetchError("network", `${where} closed the connection before answering.`);
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH")
    return new GuardedFetchError("network", `${where} is unreachable.`);
  return new GuardedFetchError("network", `Could not fetch from ${where}${code ? ` (${code})` : ""}.`);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/** Resolves the host once and returns the address to pin, or throws why it must not be fetched. */
async function pickAddress(
  url: URL,
  opts: GuardedFetchOptions,
  signal: AbortSignal,
): Promise<{ address: string; family: AddressFamily }> {
  const policy = { allowLoopback: opts.allowLoopback ?? false };
  const host = classifyHost(url.hostname);
  if (host.kind === "ip") {
    const verdict = checkAddress(host.address, policy);
    if (!verdict.ok)
      throw new GuardedFetchError(
        "forbidden_address",
        `Gatehouse does not fetch from ${verdict.reason} (SSRF protection).`,
      );
    return { address: host.address, family: verdict.family };
  }
  if (host.kind === "localhost" && !policy.allowLoopback) {
    throw new GuardedFetchError(
      "forbidden_address",
      `Gatehouse does not fetch from ${host.name}: it is this machine's loopback interface (SSRF protection).`,
    );
  }
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener(
      "abort",
      () => reject(new GuardedFetchError("timeout", `Resolving ${host.name} took too long.`)),
      { once: true },
    );
  });
  let answers: { address: string; family: number }[];
  try {
    answers = await Promise.race([(opts.resolver ?? systemResolver)(host.name), aborted]);
  } catch (err) {
    if (err instanceof GuardedFetchError) throw err;
    throw new GuardedFetchError("dns", `The host name ${host.name} could not be resolved.`);
  }
  if (answers.length === 0) throw new GuardedFetchError("dns", `The host name ${host.name} has no addresses.`);
  // Every answer must pass: a name that also resolves to an internal address is refused outright,
  // rather than hoping the connection picks the public one.
  let chosen: { address: string; family: AddressFamily } | undefined;
  for (const a of answers) {
    const verdict = checkAddress(a.address, policy);
    if (!verdict.ok)
      throw new GuardedFetchError(
        "forbidden_address",
        `${host.name} resolves to ${verdict.reason}; Gatehouse does not fetch from it (SSRF protection).`,
      );
    chosen ??= { address: a.address, family: verdict.family };
  }
  if (!chosen) throw new GuardedFetchError("dns", `The host name ${host.name} has no addresses.`);
  return chosen;
}

export async function guardedFetch(rawUrl: string, opts: GuardedFetchOptions): Promise<GuardedResponse> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new GuardedFetchError("invalid_url", `${rawUrl} is not a valid URL.`);
  }
  if (url.username || url.password)
    throw new GuardedFetchError("invalid_url", "The URL must not contain a user name or password.");
  const isHttp = url.protocol === "http:";
  if (url.protocol !== "https:" && !(isHttp && opts.allowHttp))
    throw new GuardedFetchError("scheme", `Only https URLs are fetched (got ${url.protocol.replace(/:$/, "")}).`);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const timeoutError = () =>
    new GuardedFetchError("timeout", `${url.host} did not answer within ${opts.timeoutMs / 1000} s.`);
  try {
    const { address, family } = await pickAddress(url, opts, controller.signal);
    if (isHttp && !isLoopbackAddress(address))
      throw new GuardedFetchError("scheme", "Plain http is allowed only to a loopback address, for local testing.");

    let res: ConnectorResponse;
    try {
      res = await (opts.connector ?? pinnedHttpsConnector)({
        url,
        address,
        family,
        headers: {
          Accept: opts.accept,
          "Accept-Encoding": "identity",
          "User-Agent": "Gatehouse (+client metadata fetcher)",
        },
        ...(opts.ca ? { ca: opts.ca } : {}),
        signal: controller.signal,
      });
    } catch (err) {
      if (timedOut) throw timeoutError();
      throw err instanceof GuardedFetchError ? err : describeNetworkError(err, url);
    }
    const headers = flattenHeaders(res.headers);
    if (res.status < 200 || res.status > 299) {
      res.destroy();
      return { status: res.status, headers, body: Buffer.alloc(0), address };
    }
    const declared = Number(headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      res.destroy();
      throw new GuardedFetchError(
        "too_large",
        `The response is ${declared} bytes; at most ${opts.maxBytes} are accepted.`,
      );
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of res.body) {
        total += chunk.length;
        if (total > opts.maxBytes) {
          res.destroy();
          throw new GuardedFetchError(
            "too_large",
            `The response is larger than ${opts.maxBytes} bytes, the most accepted; Gatehouse stopped reading.`,
          );
        }
        chunks.push(Buffer.from(chunk));
      }
    } catch (err) {
      if (err instanceof GuardedFetchError) throw err;
      if (timedOut) throw timeoutError();
      throw describeNetworkError(err, url);
    }
    return { status: res.status, headers, body: Buffer.concat(chunks), address };
  } catch (err) {
    if (timedOut && !(err instanceof GuardedFetchError && err.code !== "network")) throw timeoutError();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
