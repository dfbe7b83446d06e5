import type { Prisma } from "@/lib/db/generated/prisma/client";

// Transaction-scoped advisory locks serialise check-then-write invariants across app instances
// ("the last owner", "no user yet"). Keys are constants; PGlite accepts them too.
export const LOCKS = { setup: 7_342_101, members: 7_342_102 } as const;

export async function lockFor(tx: Prisma.TransactionClient, key: (typeof LOCKS)[keyof typeof LOCKS]): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${key})`;
}
