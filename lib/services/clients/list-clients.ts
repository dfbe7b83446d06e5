// The Clients list: 25 a page, keyset-paginated over an index for each sort, so the first and the
// thousandth page cost the same; substring search uses the trigram indexes. The total is counted
// only up to a cap (no full count(*) on every page at 100,000 clients).
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { ClientListFilter, type ClientSort } from "@/lib/schemas/clients";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { clientDtoSelect, toClientDto, type ClientDto } from "./client-dto";
import { findClientOrThrow, findServerIdOrThrow } from "./find-client";
import { likeLiteral } from "@/lib/db/like";
import { decodeCursorJson, encodeCursor as encodeCursorText } from "../cursor";

export const CLIENTS_PAGE_SIZE = 25;
const COUNT_CAP = 1000;

export interface ClientPageDto {
  clients: ClientDto[];
  nextCursor: string | null;
  /** Matching clients, counted up to 1,000; `totalIsCapped` means "more than that". */
  total: number;
  totalIsCapped: boolean;
}

interface Cursor {
  s: ClientSort;
  /** The sort column's value: name, createdAt or lastUsedAt (null: never used). */
  v: string | null;
  /** createdAt, the tie-breaker of the last_used sort. */
  c?: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return encodeCursorText(JSON.stringify(c));
}

function decodeCursor(raw: string | undefined, sort: ClientSort): Cursor | undefined {
  const c = decodeCursorJson(raw) as Partial<Cursor> | null | undefined;
  if (typeof c !== "object" || c === null) return undefined;
  if (c.s !== sort || typeof c.id !== "string" || (c.v !== null && typeof c.v !== "string")) return undefined;
  if (sort !== "name" && c.v !== null && Number.isNaN(Date.parse(c.v ?? ""))) return undefined;
  return c as Cursor;
}

function filterWhere(serverId: string, f: ClientListFilter): Prisma.OAuthClientWhereInput {
  const and: Prisma.OAuthClientWhereInput[] = [{ serverId }];
  if (f.q)
    and.push({
      OR: [{ name: { contains: likeLiteral(f.q), mode: "insensitive" } }, { clientId: { contains: likeLiteral(f.q) } }],
    });
  if (f.type === "dcr_unused") and.push({ registration: "DYNAMIC", lastUsedAt: null });
  else if (f.type) and.push({ registration: f.type });
  if (f.flow === "client_credentials") and.push({ grantTypes: { has: "client_credentials" } });
  if (f.flow === "authorization_code") and.push({ grantTypes: { has: "authorization_code" } });
  if (f.status === "active") and.push({ disabledAt: null });
  if (f.status === "disabled") and.push({ disabledAt: { not: null } });
  if (f.status === "pending") and.push({ approvalStatus: "PENDING" });
  return { AND: and };
}

type Row = Prisma.OAuthClientGetPayload<{ select: typeof clientDtoSelect }>;

async function pageBy(
  db: ReturnType<typeof dbOf>,
  where: Prisma.OAuthClientWhereInput,
  sort: ClientSort,
  after: Cursor | undefined,
  take: number,
): Promise<Row[]> {
  const find = (
    extra: Prisma.OAuthClientWhereInput,
    orderBy: Prisma.OAuthClientOrderByWithRelationInput[],
    n: number,
  ) => db.oAuthClient.findMany({ where: { AND: [where, extra] }, orderBy, take: n, select: clientDtoSelect });

  if (sort === "created") {
    const at = after?.v ? new Date(after.v) : undefined;
    const extra = at && after ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: after.id } }] } : {};
    return find(extra, [{ createdAt: "desc" }, { id: "desc" }], take);
  }
  if (sort === "name") {
    const extra = after?.v != null ? { OR: [{ name: { gt: after.v } }, { name: after.v, id: { gt: after.id } }] } : {};
    return find(extra, [{ name: "asc" }, { id: "asc" }], take);
  }
  // last_used: most recently used first, never-used last (newest first). Two index-ordered runs
  // over (serverId, lastUsedAt desc, createdAt desc, id desc): used clients, then unused ones.
  const newerTieBreak = (c: Cursor): Prisma.OAuthClientWhereInput => {
    const created = new Date(c.c ?? 0);
    return { OR: [{ createdAt: { lt: created } }, { createdAt: created, id: { lt: c.id } }] };
  };
  const order: Prisma.OAuthClientOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
  const nullsOnly = after !== undefined && after.v === null;
  let used: Row[] = [];
  if (!nullsOnly) {
    const at = after?.v ? new Date(after.v) : undefined;
    const extra: Prisma.OAuthClientWhereInput =
      at && after
        ? {
            lastUsedAt: { not: null },
            OR: [{ lastUsedAt: { lt: at } }, { AND: [{ lastUsedAt: at }, newerTieBreak(after)] }],
          }
        : { lastUsedAt: { not: null } };
    used = await find(extra, [{ lastUsedAt: "desc" }, ...order], take);
    if (used.length >= take) return used;
  }
  const unusedExtra: Prisma.OAuthClientWhereInput =
    nullsOnly && after ? { AND: [{ lastUsedAt: null }, newerTieBreak(after)] } : { lastUsedAt: null };
  const unused = await find(unusedExtra, order, take - used.length);
  return [...used, ...unused];
}

function cursorOf(sort: ClientSort, r: Row): Cursor {
  if (sort === "name") return { s: sort, v: r.name, id: r.id };
  if (sort === "created") return { s: sort, v: r.createdAt.toISOString(), id: r.id };
  return { s: sort, v: r.lastUsedAt?.toISOString() ?? null, c: r.createdAt.toISOString(), id: r.id };
}

export async function listClients({
  ctx,
  serverSlug,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: unknown;
}): Promise<ClientPageDto> {
  requirePermission(ctx, "clients.read");
  const f = ClientListFilter.parse(input ?? {});
  const db = dbOf(ctx);
  const server = await findServerIdOrThrow(db, serverSlug);
  const where = filterWhere(server.id, f);
  const after = decodeCursor(f.cursor, f.sort);
  const [rows, counted] = await Promise.all([
    pageBy(db, where, f.sort, after, CLIENTS_PAGE_SIZE + 1),
    db.oAuthClient.findMany({ where, select: { id: true }, take: COUNT_CAP + 1 }).then((r) => r.length),
  ]);
  const more = rows.length > CLIENTS_PAGE_SIZE;
  const page = more ? rows.slice(0, CLIENTS_PAGE_SIZE) : rows;
  const last = page.at(-1);
  const now = new Date();
  return {
    clients: page.map((r) => toClientDto(r, now)),
    nextCursor: more && last ? encodeCursor(cursorOf(f.sort, last)) : null,
    total: Math.min(counted, COUNT_CAP),
    totalIsCapped: counted > COUNT_CAP,
  };
}

export async function getClient({
  ctx,
  serverSlug,
  clientId,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  clientId: string;
}): Promise<ClientDto> {
  requirePermission(ctx, "clients.read");
  const db = dbOf(ctx);
  const server = await findServerIdOrThrow(db, serverSlug);
  return toClientDto(await findClientOrThrow(db, server.id, clientId));
}
