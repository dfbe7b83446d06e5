// One span per protocol request (token, introspection, revocation): which MCP server, which client,
// which grant, and how it ended. Attributes carry identifiers only, never a token, a secret, a code
// or a request body. Without a tracer provider (tracing off, the default) the request runs as is.
import { SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import type { ProtocolResponse } from "@/lib/oauth/protocol-http";
import { tracingEnabled } from "./tracing";

/** What the request learns as it goes (the client once authenticated, the grant type). */
export interface ProtocolSpanNote {
  clientId?: string;
  grantType?: string;
}

export const PROTOCOL_SPAN_ATTRIBUTES = {
  endpoint: "gatehouse.oauth.endpoint",
  server: "gatehouse.server.slug",
  client: "gatehouse.client.id",
  grantType: "gatehouse.oauth.grant_type",
  outcome: "gatehouse.oauth.outcome",
  status: "http.response.status_code",
} as const;
const A = PROTOCOL_SPAN_ATTRIBUTES;

export async function protocolSpan(
  endpoint: string,
  serverSlug: string,
  run: (note: ProtocolSpanNote) => Promise<ProtocolResponse>,
): Promise<ProtocolResponse> {
  const note: ProtocolSpanNote = {};
  if (!tracingEnabled()) return run(note);
  const tracer = trace.getTracer("gatehouse");
  return tracer.startActiveSpan(
    `oauth ${endpoint}`,
    { kind: SpanKind.INTERNAL, attributes: { [A.endpoint]: endpoint, [A.server]: serverSlug } },
    async (span) => {
      try {
        const response = await run(note);
        finish(span, note, response);
        return response;
      } catch (err) {
        span.recordException(err instanceof Error ? err : String(err));
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute(A.outcome, "exception");
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

function finish(span: Span, note: ProtocolSpanNote, response: ProtocolResponse): void {
  if (note.clientId) span.setAttribute(A.client, note.clientId);
  if (note.grantType) span.setAttribute(A.grantType, note.grantType);
  span.setAttribute(A.status, response.status);
  span.setAttribute(A.outcome, outcomeOf(response));
  if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
}

/** "success", or the RFC 6749 §5.2 error code of an error response ("invalid_client"…). */
function outcomeOf(response: ProtocolResponse): string {
  if (response.status < 400) return "success";
  try {
    const error = (JSON.parse(response.body ?? "") as { error?: unknown }).error;
    if (typeof error === "string" && /^[\x20-\x7e]{1,64}$/.test(error)) return error;
  } catch {
    /* not JSON */
  }
  return `http_${response.status}`;
}
