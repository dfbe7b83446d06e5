// The HTTP server span of a request the protocol front answers (Next.js makes this span for the
// requests it handles; the front's never reach it). Named like Next.js's, "POST /oauth/[slug]/token";
// the protocol span (protocol-span.ts) and Prisma's query spans are its children. Without a tracer
// provider (tracing off, the default) the request runs as is.
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { ServerResponse } from "node:http";
import { tracingEnabled } from "./tracing";

export function withHttpSpan(method: string, route: string, res: ServerResponse, run: () => void): void {
  if (!tracingEnabled()) return run();
  trace
    .getTracer("gatehouse")
    .startActiveSpan(
      `${method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": method, "http.route": route } },
      (span) => {
        // 'close' follows both a finished response and a connection the client dropped.
        res.once("close", () => {
          span.setAttribute("http.response.status_code", res.statusCode);
          if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        });
        run();
      },
    );
}
