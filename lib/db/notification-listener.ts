// One dedicated PostgreSQL session per process that LISTENs for cache invalidations from every
// instance (a pooled connection cannot: LISTEN belongs to a session, and the pool hands sessions
// out). When the connection drops it reconnects with backoff (0.5 s doubling to 30 s), and every
// (re)connect calls `onConnect` before notifications flow: anything sent while it was away is lost,
// so the caller forgets everything. On PGlite there is one session in this process and
// Database.listen delivers NOTIFYs in-process, so no connection is opened.
import pg from "pg";
import { logger } from "@/lib/logger";
import { processWide } from "@/lib/process-state";

export interface ListenerOptions {
  connectionString: string;
  channel: string;
  onNotify(payload: string): void;
  onConnect(): void;
  /** First retry delay; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface NotificationListener {
  /** Resolves once the first LISTEN is in place (or the first attempt failed and a retry is scheduled). */
  ready: Promise<void>;
  /** True while a session is LISTENing. */
  connected(): boolean;
  /** The current session's backend pid (tests end it with pg_terminate_backend to force a reconnect). */
  backendPid(): number | undefined;
  stop(): Promise<void>;
}

export function startNotificationListener(opts: ListenerOptions): NotificationListener {
  const base = opts.backoffMs ?? 500;
  const max = opts.maxBackoffMs ?? 30_000;
  let client: pg.Client | undefined;
  let pid: number | undefined;
  let stopped = false;
  let delay = base;
  let retry: NodeJS.Timeout | undefined;

  const scheduleRetry = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, max);
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: opts.connectionString });
    client = c;
    c.on("error", (err) => logger.warn("db.listener_error", { message: err.message }));
    c.on("end", () => {
      if (client === c) {
        client = undefined;
        pid = undefined;
      }
      if (!stopped) {
        logger.warn("db.listener_disconnected", { retryInMs: delay });
        scheduleRetry();
      }
    });
    c.on("notification", (msg) => {
      if (msg.channel === opts.channel) opts.onNotify(msg.payload ?? "");
    });
    try {
      await c.connect();
      await c.query(`LISTEN "${opts.channel}"`);
      const row = await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      if (stopped) return void (await c.end().catch(() => undefined));
      pid = row.rows[0]?.pid;
      delay = base;
      opts.onConnect();
    } catch (err) {
      logger.warn("db.listener_connect_failed", { message: err instanceof Error ? err.message : String(err) });
      await c.end().catch(() => undefined);
      scheduleRetry();
    }
  };

  const ready = connect();
  return {
    ready,
    connected: () => pid !== undefined,
    backendPid: () => pid,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await ready;
      await client?.end().catch(() => undefined);
      client = undefined;
      pid = undefined;
    },
  };
}

const current = processWide("notificationListener", () => ({
  listener: undefined as NotificationListener | undefined,
}));

/** Starts this process's listener once (server boot); later calls return the first. */
export function startProcessListener(opts: ListenerOptions): NotificationListener {
  return (current.listener ??= startNotificationListener(opts));
}

/** Shutdown: closes the session, before the database itself. */
export async function stopProcessListener(): Promise<void> {
  const l = current.listener;
  current.listener = undefined;
  await l?.stop();
}
