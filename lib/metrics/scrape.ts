// GET /api/metrics: off (404) unless GATEHOUSE_METRICS_TOKEN is set, then only for a bearer of that
// token. The exposition names servers and counts, which an outsider has no business reading.
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { systemContext } from "@/lib/services";
import { webhookBacklog } from "@/lib/services/webhooks/worker";
import { metrics } from "./metrics";
import { metricsRegistry } from "./registry";

const NO_STORE = { "Cache-Control": "no-store" };

/** Compares digests, so neither the length nor the content of the expected token leaks through timing. */
export function bearerMatches(authorization: string | null, expected: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? "");
  if (!match) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(match[1]!), digest(expected));
}

/** Gauges read from the database when scraped rather than kept up to date on every write. */
async function sampleGauges(): Promise<void> {
  try {
    const backlog = await webhookBacklog(systemContext("metrics"));
    metrics.webhookOutboxDepth.set({ stage: "undispatched_events" }, backlog.undispatched);
    metrics.webhookOutboxDepth.set({ stage: "pending_deliveries" }, backlog.pending);
  } catch (err) {
    // The rest of the scrape is still worth having; the gauge keeps its last value.
    logger.warn("metrics.sample_failed", { err });
  }
}

export async function metricsResponse(authorization: string | null): Promise<Response> {
  const token = env().GATEHOUSE_METRICS_TOKEN;
  if (!token) return Response.json({ error: "not_found" }, { status: 404, headers: NO_STORE });
  if (!bearerMatches(authorization, token)) {
    const error = authorization ? ', error="invalid_token"' : "";
    return Response.json(
      { error: "unauthorized", error_description: "Send the GATEHOUSE_METRICS_TOKEN as a bearer token." },
      { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": `Bearer realm="gatehouse-metrics"${error}` } },
    );
  }
  await sampleGauges();
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), { headers: { ...NO_STORE, "Content-Type": registry.contentType } });
}
