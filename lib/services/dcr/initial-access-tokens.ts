// Initial access tokens for an MCP server whose DCR mode is TOKEN (RFC 7591 §3): created on the
// server's settings, shown once, stored as SHA-256 with an expiry and a maximum number of uses,
// revocable. /register consumes them (lib/services/oauth/register-client.ts).
import { hashSecret } from "@/lib/oauth/client-credentials-secret";
import { generateInitialAccessToken, initialAccessTokenPrefix } from "@/lib/oauth/initial-access-token";
import {
  CreateInitialAccessTokenInput,
  INITIAL_ACCESS_TOKEN_EXPIRIES,
  RevokeInitialAccessTokenInput,
} from "@/lib/schemas/dcr-policy";
import { newId } from "@/lib/ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import { actorLabel, dbOf, type ServiceContext } from "../context";
import { NotFoundError } from "../errors";
import { findServerIdOrThrow } from "../clients/find-client";
import { withTx } from "../transaction";

export type InitialAccessTokenStatus = "active" | "expired" | "used_up" | "revoked";

export interface InitialAccessTokenDto {
  id: string;
  name: string;
  /** "ghi_AbCdEfGh": enough to recognise it; the token itself is shown once. */
  prefix: string;
  maxUses: number | null;
  uses: number;
  expiresAt: string | null;
  revokedAt: string | null;
  createdByLabel: string | null;
  createdAt: string;
  status: InitialAccessTokenStatus;
}

const select = {
  id: true,
  name: true,
  prefix: true,
  maxUses: true,
  uses: true,
  expiresAt: true,
  revokedAt: true,
  createdByLabel: true,
  createdAt: true,
} as const;

type Row = {
  id: string;
  name: string;
  prefix: string;
  maxUses: number | null;
  uses: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdByLabel: string | null;
  createdAt: Date;
};

function toDto(r: Row, now = new Date()): InitialAccessTokenDto {
  const status: InitialAccessTokenStatus = r.revokedAt
    ? "revoked"
    : r.expiresAt && r.expiresAt <= now
      ? "expired"
      : r.maxUses !== null && r.uses >= r.maxUses
        ? "used_up"
        : "active";
  return {
    ...r,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    status,
  };
}

export async function createInitialAccessToken({
  ctx,
  serverSlug,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: CreateInitialAccessTokenInput;
}): Promise<{ initialAccessToken: InitialAccessTokenDto; token: string }> {
  requirePermission(ctx, "servers.write");
  const { name, expiresIn, maxUses } = CreateInitialAccessTokenInput.parse(input);
  const token = generateInitialAccessToken();
  return withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const row = await tx.initialAccessToken.create({
      data: {
        id: newId("initialAccessToken"),
        serverId: server.id,
        name,
        hash: hashSecret(token),
        prefix: initialAccessTokenPrefix(token),
        maxUses,
        expiresAt: new Date(Date.now() + INITIAL_ACCESS_TOKEN_EXPIRIES[expiresIn] * 1000),
        createdByLabel: actorLabel(ctx.actor).label,
      },
      select,
    });
    await recordAudit(tx, ctx, {
      action: "initial_access_token.created",
      target: { type: "initial_access_token", id: row.id, label: row.name },
      serverId: server.id,
      details: { prefix: row.prefix, maxUses, expiresAt: row.expiresAt?.toISOString() ?? null },
    });
    return { initialAccessToken: toDto(row), token };
  });
}

export async function listInitialAccessTokens({
  ctx,
  serverSlug,
}: {
  ctx: ServiceContext;
  serverSlug: string;
}): Promise<InitialAccessTokenDto[]> {
  requirePermission(ctx, "servers.read");
  const db = dbOf(ctx);
  const server = await findServerIdOrThrow(db, serverSlug);
  const rows = await db.initialAccessToken.findMany({
    where: { serverId: server.id },
    select,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const now = new Date();
  return rows.map((r) => toDto(r, now));
}

export async function revokeInitialAccessToken({
  ctx,
  serverSlug,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: { tokenId: string };
}): Promise<InitialAccessTokenDto> {
  requirePermission(ctx, "servers.write");
  const { tokenId } = RevokeInitialAccessTokenInput.parse(input);
  return withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const row = await tx.initialAccessToken.findFirst({ where: { id: tokenId, serverId: server.id }, select });
    if (!row) throw new NotFoundError("Initial access token");
    if (row.revokedAt) return toDto(row);
    const updated = await tx.initialAccessToken.update({
      where: { id: row.id },
      data: { revokedAt: new Date() },
      select,
    });
    await recordAudit(tx, ctx, {
      action: "initial_access_token.revoked",
      target: { type: "initial_access_token", id: row.id, label: row.name },
      serverId: server.id,
      details: { prefix: row.prefix, uses: row.uses },
    });
    return toDto(updated);
  });
}
