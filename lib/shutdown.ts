// Graceful shutdown of `next start` on SIGTERM (what Docker, systemd and Kubernetes send) and
// SIGINT: stop accepting connections, let the requests in flight finish (GATEHOUSE_SHUTDOWN_TIMEOUT
// seconds at most), stop the background timers and wait for a run in progress, write the in-memory
// token counts, close the database (PGlite: checkpoint and release the folder's lock), send the
// buffered trace spans (when tracing is on), exit 0. From the first moment, /api/health/ready
// answers 503 "shutting down", so a load balancer still probing stops sending traffic here.
// The Prometheus counters (lib/metrics) are not written anywhere: like every Prometheus counter
// they restart from zero with the process, which rate() and increase() expect.
//
// Next.js's own handler (start-server.ts) closes the server without a time bound and exits 143
// without knowing about our database; NEXT_MANUAL_SIG_HANDLE would turn it off, but it is read
// before instrumentation.ts runs. So ours replaces the listeners present when it is installed.
import { database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { stopProcessListener } from "@/lib/db/notification-listener";
import { drainRequests, inFlightCount } from "@/lib/http/in-flight";
import { logger } from "@/lib/logger";
import { processWide } from "@/lib/process-state";
import { stopSchedules } from "@/lib/schedules";
import { systemContext } from "@/lib/services";
import { flushActivity } from "@/lib/services/activity/client-activity";
import { stopTracing } from "@/lib/telemetry/tracing";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

// Process-wide: signals are handled in the instrumentation bundle, readiness is asked in app/.
const state = processWide("shutdown.state", () => ({ stopping: undefined as Promise<void> | undefined }));

/** True from the moment shutdown begins (the readiness probe answers 503). */
export function shuttingDown(): boolean {
  return state.stopping !== undefined;
}

/** Everything but the exit: the server stops taking requests and the database is closed. */
export function shutdown(reason: string): Promise<void> {
  state.stopping ??= (async () => {
    const started = Date.now();
    logger.info("gatehouse.stopping", { reason, inFlight: inFlightCount() });
    const cutOff = await drainRequests(env().GATEHOUSE_SHUTDOWN_TIMEOUT * 1000);
    if (cutOff > 0) logger.warn("gatehouse.requests_cut_off", { count: cutOff });
    await stopSchedules();
    await flushActivity(systemContext("activity"));
    await stopProcessListener();
    await database().close();
    logger.info("gatehouse.stopped", { reason, ms: Date.now() - started });
    await stopTracing();
  })();
  return state.stopping;
}

/** Installs the signal handlers once per process (instrumentation.ts, after boot). */
export function installGracefulShutdown(): void {
  const registry = globalThis as unknown as { __gatehouseShutdown?: boolean };
  if (registry.__gatehouseShutdown) return;
  registry.__gatehouseShutdown = true;
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      // A second signal (a shell forwards Ctrl+C to the whole group) joins the shutdown under way.
      if (shuttingDown()) return;
      // Should closing hang (a stuck query), the process still ends, saying it did not stop cleanly.
      setTimeout(() => process.exit(1), env().GATEHOUSE_SHUTDOWN_TIMEOUT * 1000 + 15_000).unref();
      shutdown(signal).then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error("gatehouse.stop_failed", { error: err });
          process.exit(1);
        },
      );
    });
  }
}
