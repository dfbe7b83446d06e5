// Where a request comes from, for audit events and rate limits. Next.js appends the socket's
// address to X-Forwarded-For, so the entry GATEHOUSE_TRUSTED_PROXIES places from the right is the
// first address we did not get from the client itself (entries further left are client-supplied).
import { env } from "./env";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export function requestMeta(headers: Pick<Headers, "get">): RequestMeta {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const index = forwarded.length - 1 - env().GATEHOUSE_TRUSTED_PROXIES;
  const ip = forwarded[Math.max(0, index)] ?? headers.get("x-real-ip") ?? null;
  return { ip: ip?.replace(/^::ffff:/, "") ?? null, userAgent: headers.get("user-agent") };
}
