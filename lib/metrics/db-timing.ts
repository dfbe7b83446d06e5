// The database query duration histogram. Prisma's statements are timed at the driver adapter (one
// wrapper around queryRaw/executeRaw, in and out of transactions): the cheapest hook that sees every
// statement with no change to the client's type, unlike a $extends query extension. The raw driver
// reads of the hot path (rawRows, preparedRows in lib/db/client.ts) time themselves with `timed`.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable } from "@prisma/driver-adapter-utils";
import { metrics, secondsSince } from "./metrics";

type QueryClient = "prisma" | "raw";

/** Runs `work`, recording its duration whether it succeeds or fails. */
export async function timed<T>(client: QueryClient, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    metrics.dbQueryDuration.observe({ client }, secondsSince(started));
  }
}

function timeQueries<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = (query) => timed("prisma", () => queryRaw(query));
  queryable.executeRaw = (query) => timed("prisma", () => executeRaw(query));
  return queryable;
}

function timeAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  timeQueries(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => timeQueries(await startTransaction(isolationLevel));
  return adapter;
}

/** The same adapter factory, its connections' statements timed. */
export function timedAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => timeAdapter(await connect());
  return factory;
}
