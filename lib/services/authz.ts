import { hasPermission, type Permission, type Role } from "@/lib/auth/permissions";
import type { ServiceContext } from "./context";
import { ForbiddenError } from "./errors";

/** The first line of every service verb. System actors (CLI, first run) may do everything. */
export function requirePermission(ctx: ServiceContext, permission: Permission): void {
  if (ctx.actor.type === "system") return;
  if (!hasPermission(ctx.actor.role, permission)) throw new ForbiddenError();
}

export function actorRole(ctx: ServiceContext): Role | "SYSTEM" | null {
  return ctx.actor.type === "system" ? "SYSTEM" : ctx.actor.role;
}

/** The role to check "may this actor grant that role?" against; system actors act as owners. */
export function effectiveRole(ctx: ServiceContext): Role {
  return ctx.actor.type === "system" ? "OWNER" : (ctx.actor.role ?? "VIEWER");
}
