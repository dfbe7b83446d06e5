// ES256 signing keys in the database, private halves sealed with GATEHOUSE_SECRET. The newest
// unretired key signs; the JWKS keeps publishing a retired key until every token it signed has
// expired (access tokens live at most a day). Keys are cached per process: a rotation on another
// instance is picked up within KEY_CACHE_MS, and verification looks unknown kids up at once.
import { processWide } from "@/lib/process-state";
import { createHash } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type KeyObject } from "jose";
import { seal, unseal } from "@/lib/crypto/seal";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { SIGNING_ALG, type SignatureMemo, type SigningKeyMaterial } from "@/lib/oauth/access-token";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { withTx } from "../transaction";
import { randomToken } from "@/lib/ids";

const KEY_CACHE_MS = 60_000;
/** The longest access-token lifetime a server may set (lib/schemas/servers.ts), plus clock skew. */
const RETIRED_KEY_PUBLISHED_MS = 86_400_000 + 300_000;
const SEAL_PURPOSE = "signing-key";
const LOCK = 7_342_201;

type KeyLike = CryptoKey | KeyObject;

// Process-wide (lib/process-state.ts): a key rotated through the dashboard must reach the token
// endpoint's bundle too, not only the bundle that rotated it.
const keyCache = processWide("signingKeys.active", () => ({
  active: undefined as { material: SigningKeyMaterial; loadedAt: number } | undefined,
}));
const publicKeys = processWide("signingKeys.public", () => new Map<string, KeyLike>());

async function createKey(tx: Prisma.TransactionClient): Promise<{ kid: string }> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = randomToken(12);
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  const privateJwk = await exportJWK(privateKey);
  await tx.signingKey.create({
    data: {
      kid,
      alg: SIGNING_ALG,
      publicJwk: publicJwk as Prisma.InputJsonValue,
      privateSealed: seal(SEAL_PURPOSE, JSON.stringify(privateJwk)),
    },
  });
  return { kid };
}

async function loadActive(ctx: ServiceContext): Promise<SigningKeyMaterial> {
  const db = dbOf(ctx);
  let row = await db.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  if (!row) {
    // First token ever: create the first key, once, even with several instances starting together.
    await withTx(ctx, async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK})`;
      if (!(await tx.signingKey.findFirst({ where: { retiredAt: null } }))) await createKey(tx);
    });
    row = await db.signingKey.findFirstOrThrow({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  }
  const privateKey = (await importJWK(
    JSON.parse(unseal(SEAL_PURPOSE, row.privateSealed)) as JWK,
    SIGNING_ALG,
  )) as KeyLike;
  return { kid: row.kid, privateKey };
}

/** The key that signs new access tokens. */
export async function activeSigningKey(ctx: ServiceContext): Promise<SigningKeyMaterial> {
  if (ctx.db) return loadActive(ctx); // tests with their own database: no process cache
  if (!keyCache.active || Date.now() - keyCache.active.loadedAt > KEY_CACHE_MS)
    keyCache.active = { material: await loadActive(ctx), loadedAt: Date.now() };
  return keyCache.active.material;
}

/** A published key by kid, for verifying tokens (undefined when unknown or no longer published). */
export async function verificationKey(ctx: ServiceContext, kid: string): Promise<KeyLike | undefined> {
  const cached = ctx.db ? undefined : publicKeys.get(kid);
  if (cached) return cached;
  const row = await dbOf(ctx).signingKey.findUnique({ where: { kid } });
  if (!row || (row.retiredAt && Date.now() - row.retiredAt.getTime() > RETIRED_KEY_PUBLISHED_MS)) return undefined;
  const key = (await importJWK(row.publicJwk as JWK, SIGNING_ALG)) as KeyLike;
  if (!ctx.db) publicKeys.set(kid, key);
  return key;
}

/**
 * Tokens this process has already verified the signature of (verifyAccessToken still checks the
 * key is published, and typ, iss, aud and exp, on every use). Kept as SHA-256 digests, at most
 * SIGNATURE_MEMO_MAX of them (then it starts over); on globalThis, shared by every route bundle.
 */
const SIGNATURE_MEMO_MAX = 20_000;
const memo = ((
  globalThis as unknown as { __gatehouseVerifiedSignatures?: Set<string> }
).__gatehouseVerifiedSignatures ??= new Set());
const digestOf = (token: string) => createHash("sha256").update(token).digest("base64url");

export function verifiedSignatures(ctx: ServiceContext): SignatureMemo | undefined {
  if (ctx.db) return undefined; // a test's own database: nothing shared across files
  return {
    has: (token) => memo.has(digestOf(token)),
    add(token) {
      if (memo.size >= SIGNATURE_MEMO_MAX) memo.clear();
      memo.add(digestOf(token));
    },
  };
}

/** The JWKS: public keys only (never d), each with its kid. */
export async function publishedJwks(ctx: ServiceContext): Promise<{ keys: JWK[] }> {
  await activeSigningKey(ctx); // make sure there is a key to publish
  const rows = await dbOf(ctx).signingKey.findMany({
    where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date(Date.now() - RETIRED_KEY_PUBLISHED_MS) } }] },
    orderBy: { createdAt: "desc" },
  });
  return { keys: rows.map((r) => r.publicJwk as JWK) };
}

/** Adds a new signing key and retires the current one (still published until its tokens expire). */
export async function rotateSigningKey({ ctx }: { ctx: ServiceContext }): Promise<{ kid: string; retired: string[] }> {
  requirePermission(ctx, "settings.write");
  const result = await withTx(ctx, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK})`;
    const current = await tx.signingKey.findMany({ where: { retiredAt: null }, select: { kid: true } });
    await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } });
    const { kid } = await createKey(tx);
    await recordAudit(tx, ctx, {
      action: "signing_key.rotated",
      target: { type: "signing_key", id: kid },
      details: { retired: current.map((c) => c.kid) },
    });
    return { kid, retired: current.map((c) => c.kid) };
  });
  keyCache.active = undefined;
  return result;
}
