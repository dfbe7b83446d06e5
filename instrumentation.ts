// Runs once when a server instance starts, before it serves requests: OpenTelemetry tracing when
// OTEL_EXPORTER_OTLP_ENDPOINT is set (lib/telemetry/tracing.ts), stamp every incoming request
// with its client address and the public host (lib/http/front-door.ts), put the edge guard in front
// of every route (lib/http/edge-guard.ts), apply migrations, create the demo MCP server on the very
// first start, make sure the secret exists, then take over SIGTERM/SIGINT for a graceful shutdown
// (lib/shutdown.ts) that waits for the requests in flight (lib/http/in-flight.ts). Requests are
// counted by route and status for /api/metrics (lib/metrics/http.ts). If the database
// cannot be opened, the process logs why and exits with status 1 rather than serve 500s.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // First, so Prisma's queries are traced from the start; imports nothing unless OTLP is configured.
  const { startTracingIfConfigured } = await import("./lib/telemetry/tracing");
  await startTracingIfConfigured();
  const { installFrontDoor } = await import("./lib/http/front-door");
  installFrontDoor();
  const { installEdgeGuard } = await import("./lib/http/edge-guard");
  installEdgeGuard();
  const { installInFlightTracking } = await import("./lib/http/in-flight");
  installInFlightTracking();
  const { installHttpMetrics } = await import("./lib/metrics/http");
  installHttpMetrics();
  const { bootOrExit } = await import("./lib/boot");
  await bootOrExit();
  const { installGracefulShutdown } = await import("./lib/shutdown");
  installGracefulShutdown();
}
