import type { Prisma } from "@/lib/db/generated/prisma/client";
import { dbOf, type ServiceContext } from "./context";

/** Runs `fn` in a transaction, or inside the caller's when ctx.db already is one. */
export async function withTx<T>(ctx: ServiceContext, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const handle = dbOf(ctx);
  if ("$transaction" in handle) return handle.$transaction((tx) => fn(tx));
  return fn(handle);
}
