import { Prisma } from "@/lib/db/generated/prisma/client";

/** The columns of a unique-constraint violation (P2002), or undefined for any other error. */
export function uniqueViolationFields(err: unknown): string[] | undefined {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== "P2002") return undefined;
  const target = (err.meta as { target?: unknown } | undefined)?.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === "string") return [target];
  // Driver adapters report the constraint differently; keep the raw message for matching.
  return [err.message];
}
