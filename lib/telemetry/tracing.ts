// OpenTelemetry tracing, opt-in: off unless OTEL_EXPORTER_OTLP_ENDPOINT (or the traces-only
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, and then loaded by dynamic import from
// instrumentation.ts, so a server without it never loads the SDK. The exporter reads the standard
// OTEL_EXPORTER_OTLP_* variables itself (headers, timeout); OTEL_SERVICE_NAME names the service
// ("gatehouse" by default) and OTEL_RESOURCE_ATTRIBUTES adds to it. Next.js's own spans (one per
// HTTP request) and Prisma's (one per query) come along; lib/telemetry/protocol-span.ts adds one per
// protocol request.
import type { SpanProcessor } from "@opentelemetry/sdk-trace-node";
import { env, type Env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { processWide } from "@/lib/process-state";

const state = processWide("telemetry.tracing", () => ({
  enabled: false,
  shutdown: undefined as (() => Promise<void>) | undefined,
}));

/** Whether a tracer provider is installed: protocol spans are skipped entirely otherwise. */
export function tracingEnabled(): boolean {
  return state.enabled;
}

type OtlpEnv = Pick<Env, "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT">;

/** The endpoint spans go to, if tracing is configured. */
export function otlpEndpoint(e: OtlpEnv = env()): string | undefined {
  return e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || e.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
}

/**
 * Installs the global tracer provider with `processor` (the OTLP batch exporter in the server, an
 * in-memory one in tests) and Prisma's query instrumentation. Once per process.
 */
export async function installTracing(processor: SpanProcessor): Promise<void> {
  if (state.enabled) return;
  const [{ NodeTracerProvider }, { detectResources, envDetector, resourceFromAttributes }, { PrismaInstrumentation }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/resources"),
      import("@prisma/instrumentation"),
    ]);
  const resource = resourceFromAttributes({ "service.name": "gatehouse" }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  // Enabled on construction; Prisma's client asks it for a tracer on every query.
  new PrismaInstrumentation().setTracerProvider(provider);
  state.enabled = true;
  state.shutdown = () => provider.shutdown();
}

/** From instrumentation.ts: OTLP over HTTP when configured, else nothing at all. */
export async function startTracingIfConfigured(): Promise<void> {
  const endpoint = otlpEndpoint();
  if (!endpoint) return;
  const [{ BatchSpanProcessor }, { OTLPTraceExporter }] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
  ]);
  await installTracing(new BatchSpanProcessor(new OTLPTraceExporter()));
  logger.info("telemetry.tracing_enabled", { endpoint });
}

/** Shutdown: sends the spans still buffered (bounded by the exporter's timeout). */
export async function stopTracing(): Promise<void> {
  await state.shutdown?.();
}
