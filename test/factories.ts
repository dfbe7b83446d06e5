// Tests mint their own data: unique emails and slugs per call, no shared seed.
import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/permissions";
import type { Database } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { ServiceContext } from "@/lib/services";

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function insertUser(
  database: Database,
  role: Role | null,
  extra: { passwordHash?: string; email?: string } = {},
) {
  return database.prisma.user.create({
    data: {
      id: newId("user"),
      email: extra.email ?? `${unique("user")}@example.test`,
      role,
      passwordHash: extra.passwordHash ?? null,
    },
  });
}

export async function makeCtx(database: Database, role: Role | null): Promise<ServiceContext> {
  const user = await insertUser(database, role);
  return {
    actor: { type: "user", userId: user.id, email: user.email, role },
    requestId: newId("request"),
    ip: "127.0.0.1",
    userAgent: "vitest",
    db: database.prisma,
  };
}

export async function auditCount(database: Database, action: string, targetId?: string): Promise<number> {
  return database.prisma.auditEvent.count({ where: { action, ...(targetId ? { targetId } : {}) } });
}

export function serverInput(overrides: Record<string, unknown> = {}) {
  const slug = unique("srv");
  return {
    name: `Server ${slug}`,
    slug,
    resourceUrl: `https://${slug}.example.com/mcp`,
    description: "",
    scopes: [{ name: "mcp:tools", description: "Use tools" }],
    ...overrides,
  };
}

export async function insertServer(database: Database, overrides: Record<string, unknown> = {}) {
  const { createServer, systemContext } = await import("@/lib/services");
  return createServer({
    ctx: systemContext("test", { db: database.prisma }),
    input: serverInput({ scopes: [{ name: "mcp:tools" }, { name: "mcp:admin" }], ...overrides }),
  });
}
