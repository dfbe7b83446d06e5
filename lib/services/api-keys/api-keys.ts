// Admin API keys ("gha_…" + 256 random bits): shown once, stored as SHA-256, bounded by a role
// that the creator may grant (an admin cannot mint an owner key). Revoked or expired keys stop
// at once (every request looks the key up).
import { hashSecret, secretHashMatches } from "@/lib/oauth/client-credentials-secret";
import { canManageRole, type Role } from "@/lib/auth/permissions";
import { API_KEY_EXPIRIES, CreateApiKeyInput, RevokeApiKeyInput } from "@/lib/schemas/api-keys";
import type { DbOrTx } from "@/lib/db/client";
import { newId, randomToken } from "@/lib/ids";
import { recordAudit } from "../audit/record-audit";
import { effectiveRole, requirePermission } from "../authz";
import { actorLabel, dbOf, type Actor, type ServiceContext } from "../context";
import { ForbiddenError, NotFoundError } from "../errors";
import { withTx } from "../transaction";

export const API_KEY_PREFIX = "gha_";

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdByLabel: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const select = {
  id: true,
  name: true,
  prefix: true,
  role: true,
  createdByLabel: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

function toDto(k: {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdByLabel: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): ApiKeyDto {
  return {
    ...k,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiKey({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateApiKeyInput;
}): Promise<{ apiKey: ApiKeyDto; token: string }> {
  requirePermission(ctx, "apikeys.write");
  const { name, role, expiresIn } = CreateApiKeyInput.parse(input);
  if (!canManageRole(effectiveRole(ctx), role))
    throw new ForbiddenError("Only an owner can create a key with the Owner role.");
  const secret = randomToken(32);
  const token = `${API_KEY_PREFIX}${secret}`;
  const days = API_KEY_EXPIRIES[expiresIn];
  return withTx(ctx, async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        id: newId("apiKey"),
        name,
        prefix: secret.slice(0, 6),
        hash: hashSecret(token),
        role,
        createdById: ctx.actor.type === "user" ? ctx.actor.userId : null,
        createdByLabel: actorLabel(ctx.actor).label,
        expiresAt: days > 0 ? new Date(Date.now() + days * 86_400_000) : null,
      },
      select,
    });
    await recordAudit(tx, ctx, {
      action: "api_key.created",
      target: { type: "api_key", id: row.id, label: row.name },
      details: { role, expiresAt: row.expiresAt?.toISOString() ?? null },
    });
    return { apiKey: toDto(row), token };
  });
}

export async function listApiKeys({ ctx }: { ctx: ServiceContext }): Promise<ApiKeyDto[]> {
  requirePermission(ctx, "apikeys.write");
  const rows = await dbOf(ctx).apiKey.findMany({ select, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toDto);
}

export async function revokeApiKey({ ctx, input }: { ctx: ServiceContext; input: { keyId: string } }): Promise<void> {
  requirePermission(ctx, "apikeys.write");
  const { keyId } = RevokeApiKeyInput.parse(input);
  await withTx(ctx, async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id: keyId }, select });
    if (!key) throw new NotFoundError("API key");
    if (key.revokedAt) return;
    await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "api_key.revoked", target: { type: "api_key", id: key.id, label: key.name } });
  });
}

/** The actor behind a presented key, or null for an unknown, revoked or expired one. */
export async function authenticateApiKey(
  db: DbOrTx,
  token: string,
  now = new Date(),
): Promise<Extract<Actor, { type: "api_key" }> | null> {
  if (!token.startsWith(API_KEY_PREFIX)) return null;
  const hash = hashSecret(token);
  const key = await db.apiKey.findUnique({
    where: { hash },
    select: { id: true, name: true, role: true, hash: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!key || !secretHashMatches(token, key.hash) || key.revokedAt || (key.expiresAt && key.expiresAt <= now))
    return null;
  // "last used" at most once a minute per key: no write on every request.
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return { type: "api_key", keyId: key.id, name: key.name, role: key.role };
}
