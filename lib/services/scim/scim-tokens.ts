// SCIM bearer tokens, one or more per identity provider ("ghscim_" + 256 random bits): shown once,
// stored as SHA-256, revocable; owners and admins only (settings.write, like the providers
// themselves). A revoked token stops at once: every SCIM request looks its token up.
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { newId, randomToken } from "@/lib/ids";
import { hashSecret, secretHashMatches } from "@/lib/oauth/client-credentials-secret";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { NotFoundError } from "../errors";
import { withTx } from "../transaction";

export const SCIM_TOKEN_PREFIX = "ghscim_";

export interface ScimTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const select = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

function toDto(t: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ScimTokenDto {
  return {
    ...t,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export const RevokeScimTokenInput = z.object({ providerId: z.string().min(1), tokenId: z.string().min(1) });

export const CreateScimTokenInput = z.object({
  providerId: z.string().min(1),
  name: z.string().trim().min(1, "Name the token (e.g. the IdP app it is for).").max(100),
});

async function providerOf(db: DbOrTx, providerId: string) {
  const provider = await db.identityProvider.findUnique({
    where: { id: providerId },
    select: { id: true, label: true },
  });
  if (!provider) throw new NotFoundError("The identity provider");
  return provider;
}

export async function createScimToken({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof CreateScimTokenInput>;
}): Promise<{ scimToken: ScimTokenDto; token: string }> {
  requirePermission(ctx, "settings.write");
  const { providerId, name } = CreateScimTokenInput.parse(input);
  const secret = randomToken(32);
  const token = `${SCIM_TOKEN_PREFIX}${secret}`;
  return withTx(ctx, async (tx) => {
    const provider = await providerOf(tx, providerId);
    const row = await tx.scimToken.create({
      data: {
        id: newId("scimToken"),
        providerId,
        name,
        prefix: token.slice(0, SCIM_TOKEN_PREFIX.length + 6),
        tokenHash: hashSecret(token),
        createdById: ctx.actor.type === "user" ? ctx.actor.userId : null,
      },
      select,
    });
    await recordAudit(tx, ctx, {
      action: "scim_token.created",
      target: { type: "scim_token", id: row.id, label: `${row.name} (${provider.label})` },
      details: { providerId },
    });
    return { scimToken: toDto(row), token };
  });
}

export async function listScimTokens({
  ctx,
  providerId,
}: {
  ctx: ServiceContext;
  providerId: string;
}): Promise<ScimTokenDto[]> {
  requirePermission(ctx, "settings.write");
  const rows = await dbOf(ctx).scimToken.findMany({
    where: { providerId },
    select,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toDto);
}

export async function revokeScimToken({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof RevokeScimTokenInput>;
}): Promise<void> {
  requirePermission(ctx, "settings.write");
  input = RevokeScimTokenInput.parse(input);
  await withTx(ctx, async (tx) => {
    const row = await tx.scimToken.findFirst({
      where: { id: input.tokenId, providerId: input.providerId },
      select: { ...select, provider: { select: { label: true } } },
    });
    if (!row) throw new NotFoundError("SCIM token");
    if (row.revokedAt) return;
    await tx.scimToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "scim_token.revoked",
      target: { type: "scim_token", id: row.id, label: `${row.name} (${row.provider.label})` },
      details: { providerId: input.providerId },
    });
  });
}

export interface ScimCaller {
  tokenId: string;
  provider: { id: string; label: string; allowedDomains: string[] };
}

/** The provider behind a presented SCIM token, or null for an unknown or revoked one. */
export async function authenticateScimToken(db: DbOrTx, token: string, now = new Date()): Promise<ScimCaller | null> {
  if (!token.startsWith(SCIM_TOKEN_PREFIX)) return null;
  const row = await db.scimToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      id: true,
      tokenHash: true,
      revokedAt: true,
      lastUsedAt: true,
      provider: { select: { id: true, label: true, allowedDomains: true } },
    },
  });
  if (!row || !secretHashMatches(token, row.tokenHash) || row.revokedAt) return null;
  // "last used" at most once a minute per token: no write on every request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await db.scimToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { tokenId: row.id, provider: row.provider };
}
