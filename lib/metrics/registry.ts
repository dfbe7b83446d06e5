// The process's one Prometheus registry. Next.js bundles pages/ (the token, introspection and
// revocation endpoints) and app/ (/api/metrics) separately, so a module-level registry would exist
// twice and the scrape would never see what the token endpoint counted: it lives on globalThis
// (lib/process-state.ts), created by whichever bundle asks first. prom-client itself is loaded from
// node_modules (serverExternalPackages in next.config.ts), so its default process metrics are
// collected once too.
import { collectDefaultMetrics, Registry } from "prom-client";
import { processWide } from "@/lib/process-state";

export function metricsRegistry(): Registry {
  return processWide("metrics.registry", () => {
    const registry = new Registry();
    // process_cpu_seconds_total, process_resident_memory_bytes, nodejs_eventloop_lag_seconds…:
    // the standard names, unprefixed, so the usual Node.js dashboards work unchanged.
    collectDefaultMetrics({ register: registry });
    return registry;
  });
}
