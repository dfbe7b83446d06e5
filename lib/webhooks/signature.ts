// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's secret, sent as
//   Gatehouse-Signature: t=<unix seconds>,v1=<hex digest>
// Receivers recompute the digest, compare in constant time, and reject timestamps older than a few
// minutes (replay protection). Framework-free: receivers can copy this file.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Gatehouse-Signature";

export function signPayload(secret: string, body: string, timestamp: number): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

export function verifySignature(
  secret: string,
  body: string,
  header: string | null,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (!header) return false;
  const parts = new Map(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1");
  if (!Number.isInteger(t) || !v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
