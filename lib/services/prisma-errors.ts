import { Prisma } from "@/lib/db/generated/prisma/client";

/**
 * The columns of a unique-constraint violation, or undefined for any other error. Prisma maps it
 * to P2002 outside transactions; inside an interactive transaction the driver adapter's own
 * DriverAdapterError (cause.kind "UniqueConstraintViolation") can surface instead.
 */
export function uniqueViolationFields(err: unknown): string[] | undefined {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    const meta = err.meta as { target?: unknown; driverAdapterError?: { cause?: unknown } } | undefined;
    if (Array.isArray(meta?.target)) return meta.target.map(String);
    if (typeof meta?.target === "string") return [meta.target];
    return constraintFields(meta?.driverAdapterError?.cause) ?? [err.message];
  }
  if (err instanceof Error && err.name === "DriverAdapterError") {
    return constraintFields((err as Error & { cause?: unknown }).cause);
  }
  return undefined;
}

function constraintFields(cause: unknown): string[] | undefined {
  const c = cause as
    | {
        kind?: string;
        code?: string;
        message?: string;
        detail?: string;
        constraint?: { fields?: string[]; index?: string };
      }
    | undefined;
  // pglite-prisma-adapter passes PostgreSQL's own error through: SQLSTATE 23505, "Key (col)=(…)".
  if (c?.kind === "postgres" && c.code === "23505") {
    const cols = /Key \(([^)]+)\)=/.exec(c.detail ?? "")?.[1];
    return cols ? cols.split(",").map((x) => x.trim().replace(/"/g, "")) : [c.message ?? "unknown"];
  }
  if (c?.kind !== "UniqueConstraintViolation") return undefined;
  if (c.constraint?.fields) return c.constraint.fields;
  if (c.constraint?.index) return [c.constraint.index];
  return ["unknown"];
}

/**
 * A foreign-key violation (SQLSTATE 23503), however it surfaces: through a raw query the adapter's
 * cause carries the code while Prisma's own message may say nothing ("Message: `undefined`").
 */
export function isForeignKeyViolation(err: unknown): boolean {
  const meta = (err as { meta?: { driverAdapterError?: { cause?: { code?: string; kind?: string } } } }).meta;
  const cause = meta?.driverAdapterError?.cause ?? (err as { cause?: { code?: string; kind?: string } }).cause;
  if (cause?.code === "23503" || cause?.kind === "ForeignKeyConstraintViolation") return true;
  return err instanceof Error && /foreign key/i.test(err.message);
}
