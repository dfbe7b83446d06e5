// Readiness (/api/health/ready): may this instance take traffic? Not while it is stopping, not when
// its database does not answer within the timeout, not with migrations the database lacks (a new
// release started against an old schema), and not without a signing key to issue tokens with.
// Liveness (/api/health/live) is only "the process answers": a database outage must take an
// instance out of the load balancer, not get it restarted.
import { database } from "@/lib/db/client";
import { loadMigrations, pendingMigrations } from "@/lib/db/migrate";
import { logger } from "@/lib/logger";
import { systemContext } from "@/lib/services";
import { activeSigningKey } from "@/lib/services/oauth/signing-keys";
import { shuttingDown } from "@/lib/shutdown";

export const READINESS_TIMEOUT_MS = 2_000;

export interface ReadinessChecks {
  shuttingDown(): boolean;
  /** Resolves once the database answered a trivial query. */
  pingDatabase(): Promise<unknown>;
  /** The committed migrations the database has not applied, in order. */
  pendingMigrations(): Promise<string[]>;
  /** Resolves once the active signing key is in memory (loaded, or read and unsealed now). */
  loadSigningKey(): Promise<unknown>;
}

export type Readiness = { ready: true } | { ready: false; reason: string; pending?: string[] };

class TimedOut extends Error {}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimedOut()), ms)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** The first failing check's reason, in order; the cause goes to the log, not to the caller. */
export async function checkReadiness(checks: ReadinessChecks, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  if (checks.shuttingDown()) return { ready: false, reason: "shutting down" };
  const seconds = `${timeoutMs / 1000} s`;
  const step = async <T>(name: string, run: () => Promise<T>): Promise<{ ok: true; value: T } | Readiness> => {
    try {
      return { ok: true, value: await within(timeoutMs, run()) };
    } catch (err) {
      const reason = err instanceof TimedOut ? `${name}: no answer within ${seconds}` : `${name}: failed`;
      logger.warn("health.not_ready", { reason, err: err instanceof TimedOut ? undefined : err });
      return { ready: false, reason };
    }
  };
  const ping = await step("database unreachable", () => checks.pingDatabase());
  if (!("ok" in ping)) return ping;
  const pending = await step("migrations unknown", () => checks.pendingMigrations());
  if (!("ok" in pending)) return pending;
  if (pending.value.length > 0) return { ready: false, reason: "migrations pending", pending: pending.value };
  const key = await step("signing key unavailable", () => checks.loadSigningKey());
  if (!("ok" in key)) return key;
  return { ready: true };
}

/** The committed migrations' names, read once per process bundle (they change only with a release). */
let committed: Promise<string[]> | undefined;

/** The checks against this process's database and signing keys. */
export function liveReadinessChecks(): ReadinessChecks {
  return {
    shuttingDown,
    pingDatabase: () => database().withConnection((conn) => conn.query("SELECT 1")),
    async pendingMigrations() {
      committed ??= loadMigrations().then((all) => all.map((m) => m.name));
      const names = await committed.catch((err: unknown) => {
        committed = undefined;
        throw err;
      });
      return database().withConnection((conn) => pendingMigrations(conn, names));
    },
    loadSigningKey: () => activeSigningKey(systemContext("health")),
  };
}
