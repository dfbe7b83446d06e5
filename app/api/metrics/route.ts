import { metricsResponse } from "@/lib/metrics/scrape";

// Counters of this process, read at request time.
export const dynamic = "force-dynamic";

/** Prometheus exposition (docs/operations.md#metrics); 404 unless GATEHOUSE_METRICS_TOKEN is set. */
export function GET(request: Request): Promise<Response> {
  return metricsResponse(request.headers.get("authorization"));
}
