// Everything a server process does once before it serves requests, whoever calls first: Next.js's
// instrumentation hook (instrumentation.ts) or the server entry (server/main.ts), which calls it
// again before it listens so that the protocol front never answers before boot. Once per process
// (process-state.ts): the two callers are different bundles.
import { processWide } from "@/lib/process-state";

const state = processWide("start", () => ({ started: undefined as Promise<void> | undefined }));

/**
 * OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (lib/telemetry/tracing.ts), stamp
 * every incoming request with its client address and the public host (lib/http/front-door.ts), put
 * the edge guard in front of every route (lib/http/edge-guard.ts), apply migrations, create the
 * demo MCP server on the very first start, make sure the secret exists, then take over
 * SIGTERM/SIGINT for a graceful shutdown (lib/shutdown.ts) that waits for the requests in flight
 * (lib/http/in-flight.ts). Requests are counted by route and status for /api/metrics
 * (lib/metrics/http.ts). If the database cannot be opened, the process logs why and exits with
 * status 1 rather than serve 500s.
 */
export function startGatehouse(): Promise<void> {
  state.started ??= (async () => {
    // First, so Prisma's queries are traced from the start; imports nothing unless OTLP is configured.
    const { startTracingIfConfigured } = await import("./telemetry/tracing");
    await startTracingIfConfigured();
    const { installFrontDoor } = await import("./http/front-door");
    installFrontDoor();
    const { installEdgeGuard } = await import("./http/edge-guard");
    installEdgeGuard();
    const { installInFlightTracking } = await import("./http/in-flight");
    installInFlightTracking();
    const { installHttpMetrics } = await import("./metrics/http");
    installHttpMetrics();
    const { bootOrExit } = await import("./boot");
    await bootOrExit();
    const { installGracefulShutdown } = await import("./shutdown");
    installGracefulShutdown();
  })();
  return state.started;
}
