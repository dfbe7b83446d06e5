// PostgreSQL: concurrent status checks share one round trip. A check joins the next query that
// starts after it was asked (never one already in flight), so it sees every change committed
// before it was asked, exactly as a query of its own would; at most one batch query runs at a time
// per process. Under load (64 introspections in flight) this turns dozens of round trips, each
// with its driver and promise overhead on this process's CPU, into a few.
import { preparedRows, type PreparedStatement } from "@/lib/db/client";
import { statusSelect, type StatusRow } from "./token-status-sql";

export interface StatusKey {
  jti: string;
  serverId: string;
  clientId: string;
  familyId: string | null;
}

/** Largest batch per query: keeps one query's rows and parameter small. */
const MAX_BATCH = 128;

// Each row of the parameter is looked up on its own (LATERAL … OFFSET 0 keeps the planner from
// turning the lookups into joins over whole tables): index probes only, whatever the batch size.
const BATCH_SQL = `
  SELECT x."i", s.*
    FROM jsonb_to_recordset($1::jsonb) AS x("i" int, "jti" text, "server" text, "client" text, "fam" text)
    CROSS JOIN LATERAL (${statusSelect('x."jti"', 'x."server"', 'x."client"', 'x."fam"')}
      OFFSET 0
    ) AS s`;

const BATCH: PreparedStatement = { name: "gatehouse_token_status_batch", sql: BATCH_SQL, paramTypes: ["text"] };

interface Waiting {
  key: StatusKey;
  resolve(row: StatusRow | undefined): void;
  reject(err: unknown): void;
}

const queue: Waiting[] = [];
let running = false;

export function batchedStatus(key: StatusKey): Promise<StatusRow | undefined> {
  return new Promise((resolve, reject) => {
    queue.push({ key, resolve, reject });
    if (!running) void drain();
  });
}

async function drain(): Promise<void> {
  running = true;
  try {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      const param = JSON.stringify(
        batch.map(({ key }, i) => ({ i, jti: key.jti, server: key.serverId, client: key.clientId, fam: key.familyId })),
      );
      try {
        const rows = await preparedRows<StatusRow & { i: number }>(BATCH, [param]);
        const byIndex = new Map(rows.map((r) => [r.i, r]));
        batch.forEach((w, i) => w.resolve(byIndex.get(i)));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
  } finally {
    running = false;
  }
}
