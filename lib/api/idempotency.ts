// The Idempotency-Key header on /api/v1 creates: wraps a jsonRoute handler. Without the header the
// handler runs as before. With it, a retry of the same request by the same API key (or member)
// within 24 hours gets the first response again, one-time secrets included, as Stripe does: a
// client whose first response was lost never saw the secret, so replaying it is the point.
import { createHash } from "node:crypto";
import { ADMIN_BODY_LIMIT, readBytesCapped } from "@/lib/http/read-body-capped";
import { runIdempotent, ValidationError, type ServiceContext, type StoredResponse } from "@/lib/services";

const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

/** Key order and whitespace do not make a different request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

async function fingerprintOf(req: Request): Promise<string> {
  const text = new TextDecoder().decode(await readBytesCapped(req.clone(), ADMIN_BODY_LIMIT));
  let body = text;
  try {
    body = text.trim() === "" ? "{}" : canonicalJson(JSON.parse(text));
  } catch {
    // Not JSON: the handler answers 422; the raw text still identifies the request.
  }
  const { pathname } = new URL(req.url);
  return createHash("sha256").update(`${req.method} ${pathname}\n${body}`).digest("base64url");
}

async function toStored(result: unknown): Promise<StoredResponse> {
  const res = result instanceof Response ? result : Response.json(result);
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "application/json",
    body: await res.text(),
  };
}

export function idempotent<P>(
  handler: (req: Request, ctx: ServiceContext, params: P) => Promise<Response | unknown>,
): (req: Request, ctx: ServiceContext, params: P) => Promise<Response | unknown> {
  return async (req, ctx, params) => {
    const key = req.headers.get("idempotency-key");
    if (key === null) return handler(req, ctx, params);
    if (!KEY_PATTERN.test(key)) {
      const message = "Use 1–255 printable ASCII characters, e.g. a UUID.";
      throw new ValidationError("The Idempotency-Key header is invalid.", { "Idempotency-Key": [message] });
    }
    const { response, replayed } = await runIdempotent({
      ctx,
      key,
      fingerprint: await fingerprintOf(req),
      create: async (txCtx) => toStored(await handler(req, txCtx, params)),
    });
    const headers = new Headers({ "Content-Type": response.contentType, "Cache-Control": "no-store" });
    if (replayed) headers.set("Idempotent-Replayed", "true");
    return new Response(response.body, { status: response.status, headers });
  };
}
