// The audit log, newest first, filtered and paged with a keyset cursor over (createdAt, id):
// deep pages cost the same as the first one.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { AuditFilter, invertedDateRangeError } from "@/lib/schemas/audit";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { ValidationError } from "../errors";
import { likeLiteral } from "@/lib/db/like";
import { decodeCursorText, encodeCursor as encodeCursorText } from "../cursor";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEventDto {
  id: string;
  createdAt: string;
  actorType: "USER" | "CLIENT" | "API_KEY" | "SYSTEM";
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  serverId: string | null;
  serverSlug: string | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

export interface AuditPageDto {
  events: AuditEventDto[];
  nextCursor: string | null;
}

function encodeCursor(createdAt: Date, id: string): string {
  return encodeCursorText(`${createdAt.toISOString()}|${id}`);
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  const text = decodeCursorText(cursor);
  if (text === undefined) return undefined;
  const [iso, id] = text.split("|");
  const createdAt = iso ? new Date(iso) : undefined;
  if (!createdAt || Number.isNaN(createdAt.getTime()) || !id) return undefined;
  return { createdAt, id };
}

/** The URL's filter; unknown values fall back to "no filter", but an inverted date range is a 422. */
export function parseAuditFilter(input: unknown): AuditFilter {
  const f = AuditFilter.parse(input ?? {});
  const inverted = invertedDateRangeError(f);
  if (inverted) throw new ValidationError(inverted, { from: [inverted] });
  return f;
}

async function whereFor(ctx: ServiceContext, f: AuditFilter): Promise<Prisma.AuditEventWhereInput | null> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.action) and.push({ action: f.action });
  if (f.actor)
    and.push({ OR: [{ actorId: f.actor }, { actorLabel: { contains: likeLiteral(f.actor), mode: "insensitive" } }] });
  if (f.server) {
    const server = await dbOf(ctx).mcpServer.findUnique({ where: { slug: f.server }, select: { id: true } });
    if (!server) return null;
    and.push({ serverId: server.id });
  }
  if (f.from) and.push({ createdAt: { gte: new Date(`${f.from}T00:00:00.000Z`) } });
  if (f.to) and.push({ createdAt: { lt: new Date(new Date(`${f.to}T00:00:00.000Z`).getTime() + 86_400_000) } });
  return { AND: and };
}

async function fetchPage(
  ctx: ServiceContext,
  where: Prisma.AuditEventWhereInput,
  cursor: string | undefined,
  take: number,
) {
  const after = decodeCursor(cursor);
  const rows = await dbOf(ctx).auditEvent.findMany({
    where: after
      ? {
          AND: [
            where,
            { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] },
          ],
        }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const more = rows.length > take;
  const page = more ? rows.slice(0, take) : rows;
  const last = page.at(-1);
  return { page, nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null };
}

async function slugsById(ctx: ServiceContext, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const servers = await dbOf(ctx).mcpServer.findMany({
    where: { id: { in: wanted } },
    select: { id: true, slug: true },
  });
  return new Map(servers.map((s) => [s.id, s.slug]));
}

type AuditRow = Awaited<ReturnType<typeof fetchPage>>["page"][number];

function toDto(r: AuditRow, slugs: Map<string, string>): AuditEventDto {
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    actorType: r.actorType,
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: r.targetLabel,
    serverId: r.serverId,
    serverSlug: r.serverId ? (slugs.get(r.serverId) ?? null) : null,
    ip: r.ip,
    userAgent: r.userAgent,
    details: r.details,
  };
}

export async function listAuditEvents({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<AuditPageDto> {
  requirePermission(ctx, "audit.read");
  const f = parseAuditFilter(input);
  const where = await whereFor(ctx, f);
  if (!where) return { events: [], nextCursor: null };
  const { page, nextCursor } = await fetchPage(ctx, where, f.cursor, AUDIT_PAGE_SIZE);
  const slugs = await slugsById(
    ctx,
    page.map((r) => r.serverId),
  );
  return { events: page.map((r) => toDto(r, slugs)), nextCursor };
}

/** Every matching event, newest first, in batches (the CSV export streams this). */
export async function* iterateAuditEvents({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): AsyncGenerator<AuditEventDto> {
  requirePermission(ctx, "audit.read");
  const f = parseAuditFilter(input);
  const where = await whereFor(ctx, f);
  if (!where) return;
  let cursor: string | undefined;
  do {
    const { page, nextCursor } = await fetchPage(ctx, where, cursor, 1000);
    const slugs = await slugsById(
      ctx,
      page.map((r) => r.serverId),
    );
    for (const r of page) yield toDto(r, slugs);
    cursor = nextCursor ?? undefined;
  } while (cursor);
}
