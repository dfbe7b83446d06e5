import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/prisma/client";

// Transaction-scoped advisory locks serialise check-then-write invariants across app instances
// ("the last owner", "no user yet"). Keys are constants; PGlite accepts them too.
export const LOCKS = { setup: 7_342_101, members: 7_342_102 } as const;

/**
 * A lock per value (e.g. "DCR cap of server X", "this exact registration"): a 64-bit key hashed
 * from the name, so distinct names practically never share a lock, and never one of LOCKS.
 */
export async function lockForName(tx: Prisma.TransactionClient, name: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lockKey(name)}::bigint)`;
}

/** The 64-bit advisory lock key of a name (lockForName's). */
export function lockKey(name: string): bigint {
  return createHash("sha256").update(name).digest().readBigInt64BE(0);
}

export async function lockFor(tx: Prisma.TransactionClient, key: (typeof LOCKS)[keyof typeof LOCKS]): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${key})`;
}
