// Where a request comes from and where Gatehouse lives: the one place that decides both (DESIGN.md
// "Client address and host"). Every surface — App Router handlers, server actions, Auth.js, the
// Node adapter of the hot endpoints — reads the client IP through requestMeta() and builds
// absolute URLs from publicOrigin(); no request header names our host.
//
// The client IP is the socket's address, unless GATEHOUSE_TRUSTED_PROXIES=N says N reverse proxies
// in front of us append to X-Forwarded-For: then it is the Nth address from the right of
// "X-Forwarded-For, socket" (the first hop our own proxies wrote; anything further left is what
// the client claimed). X-Forwarded-For is never read as such: Next.js only fills it when it is
// absent, so a client-sent value would win.
//
// App Router handlers and server actions never see the socket, so lib/http/front-door.ts stamps
// the resolved address on each request as it arrives, in a header whose name is random per process
// (clientIpHeader()): a client cannot send it because it cannot know it, and a request that was
// never stamped (none in production after start-up) has no IP rather than a forged one.
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { env } from "./env";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** The header, random per process, that carries the address the front door resolved. */
export function clientIpHeader(): string {
  const registry = globalThis as unknown as { __gatehouseClientIpHeader?: string };
  return (registry.__gatehouseClientIpHeader ??= `x-gatehouse-client-ip-${randomBytes(16).toString("hex")}`);
}

export function requestMeta(headers: Pick<Headers, "get">): RequestMeta {
  return { ip: headers.get(clientIpHeader()), userAgent: headers.get("user-agent") };
}

/**
 * The client's address: the socket's, or with `trustedProxies` = N the Nth entry from the right of
 * the X-Forwarded-For chain followed by the socket's address. Null when that entry is not an IP.
 */
export function resolveClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number = env().GATEHOUSE_TRUSTED_PROXIES,
): string | null {
  let candidate = socketAddress;
  if (trustedProxies > 0) {
    const chain = [forwardedFor ?? []]
      .flat()
      .flatMap((v) => v.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
    if (socketAddress) chain.push(socketAddress);
    candidate = chain[Math.max(0, chain.length - 1 - trustedProxies)];
  }
  return normalizeIp(candidate);
}

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything that is not an IP address → null. */
export function normalizeIp(value: string | undefined): string | null {
  if (!value) return null;
  const ip = value.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").toLowerCase();
  return isIP(ip) ? ip : null;
}

/** Gatehouse's public origin (scheme://host[:port] of GATEHOUSE_URL). */
export function publicOrigin(): string {
  return new URL(env().GATEHOUSE_URL).origin;
}

/** An absolute URL on Gatehouse for an absolute path (and query), whatever host the request named. */
export function publicUrl(path: `/${string}`): string {
  return `${env().GATEHOUSE_URL}${path}`;
}
