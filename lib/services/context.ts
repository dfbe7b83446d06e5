// Who is acting, from where, and (for tests and nested verbs) on which database handle.
import { db as processDb, type DbOrTx } from "@/lib/db/client";
import type { Role } from "@/lib/auth/permissions";
import { newId } from "@/lib/ids";

export type Actor =
  | { type: "user"; userId: string; email: string; role: Role | null }
  /** An admin API key ("gha_…"); its role bounds what it may do. */
  | { type: "api_key"; keyId: string; name: string; role: Role }
  /** Operators at the command line and Gatehouse itself (first-run setup, schedules). */
  | { type: "system"; label: string };

export interface ServiceContext {
  actor: Actor;
  requestId: string;
  ip?: string | null;
  userAgent?: string | null;
  /** Overrides the process database: a test database, or an enclosing transaction. */
  db?: DbOrTx;
}

export function systemContext(label: string, extra: Partial<ServiceContext> = {}): ServiceContext {
  return { actor: { type: "system", label }, requestId: newId("request"), ...extra };
}

export function dbOf(ctx: ServiceContext): DbOrTx {
  return ctx.db ?? processDb();
}

/** Who did it, as the audit log and "created by" columns record it. */
export function actorLabel(actor: Actor): { id: string | null; label: string } {
  switch (actor.type) {
    case "user":
      return { id: actor.userId, label: actor.email };
    case "api_key":
      return { id: actor.keyId, label: `API key “${actor.name}”` };
    case "system":
      return { id: null, label: actor.label };
  }
}
