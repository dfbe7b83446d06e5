// Every Gatehouse metric, defined once per process on the one registry (registry.ts). Names follow
// the Prometheus conventions: gatehouse_ prefix, snake_case, counters end in _total, durations are
// histograms in seconds. Labels take bounded values only (route patterns, server slugs, outcomes),
// never a raw path, a client id or anything a caller chose freely. docs/operations.md lists them.
import { Counter, Gauge, Histogram } from "prom-client";
import { inFlightCount } from "@/lib/http/in-flight";
import { processWide } from "@/lib/process-state";
import { metricsRegistry } from "./registry";

/** Protocol requests take milliseconds; the tail up to the 10 s a stuck database may cost. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** One query: a fraction of a millisecond on a warm PGlite, up to seconds under contention. */
const QUERY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

function define() {
  const registers = [metricsRegistry()];
  return {
    httpRequests: new Counter({
      name: "gatehouse_http_requests_total",
      help: "HTTP requests answered, by route pattern and status code.",
      labelNames: ["route", "status"] as const,
      registers,
    }),
    httpInFlight: new Gauge({
      name: "gatehouse_http_requests_in_flight",
      help: "HTTP requests received and not yet answered, at the moment of the scrape (the scrape included).",
      registers,
      collect() {
        this.set(inFlightCount());
      },
    }),
    protocolDuration: new Histogram({
      name: "gatehouse_protocol_request_duration_seconds",
      help: "Time to answer a protocol endpoint (request received to response sent), by endpoint.",
      labelNames: ["endpoint"] as const,
      buckets: REQUEST_BUCKETS,
      registers,
    }),
    tokensIssued: new Counter({
      name: "gatehouse_tokens_issued_total",
      help: "Access tokens issued at the token endpoint, by grant type and MCP server slug.",
      labelNames: ["grant_type", "server"] as const,
      registers,
    }),
    introspections: new Counter({
      name: "gatehouse_introspections_total",
      help: "Token introspection answers, by result (active or inactive).",
      labelNames: ["result"] as const,
      registers,
    }),
    cacheInvalidations: new Counter({
      name: "gatehouse_cache_invalidations_total",
      help: "Per-process cache entries dropped because another instance (or this one) changed them: by source (notify: a NOTIFY on gatehouse_cache; reconnect: the LISTEN session came back and everything was forgotten).",
      labelNames: ["source"] as const,
      registers,
    }),
    refreshReuse: new Counter({
      name: "gatehouse_refresh_token_reuse_detections_total",
      help: "Rotated refresh tokens presented again after the grace window: each revoked its family.",
      registers,
    }),
    consents: new Counter({
      name: "gatehouse_consent_changes_total",
      help: "Consents granted (new or widened) and revoked.",
      labelNames: ["change"] as const,
      registers,
    }),
    dcrRegistrations: new Counter({
      name: "gatehouse_dcr_registrations_total",
      help: "Dynamic client registration requests, by outcome.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    cimdFetches: new Counter({
      name: "gatehouse_cimd_fetches_total",
      help: "Client ID metadata document fetches, by outcome.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    webhookOutboxDepth: new Gauge({
      name: "gatehouse_webhook_outbox_depth",
      help: "Webhook work waiting, sampled at scrape: events not yet dispatched and deliveries pending.",
      labelNames: ["stage"] as const,
      registers,
    }),
    webhookDeliveryFailures: new Counter({
      name: "gatehouse_webhook_delivery_failures_total",
      help: "Failed webhook delivery attempts: retry (rescheduled) or gave_up (retries exhausted).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    dbQueryDuration: new Histogram({
      name: "gatehouse_db_query_duration_seconds",
      help: "Database statement duration, through Prisma or the raw driver reads of the hot path.",
      labelNames: ["client"] as const,
      buckets: QUERY_BUCKETS,
      registers,
    }),
  };
}

export const metrics = processWide("metrics.definitions", define);

/** Seconds since `started` (a performance.now() reading). */
export function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}
