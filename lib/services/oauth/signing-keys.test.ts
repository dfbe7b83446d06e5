import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import {
  signAccessToken,
  verifyAccessToken,
  type AccessTokenClaims,
  type SigningKeyMaterial,
} from "@/lib/oauth/access-token";
import { ForbiddenError, systemContext } from "@/lib/services";
import { createTestDb } from "@/test/db";
import { auditCount, makeCtx } from "@/test/factories";
import { activeSigningKey, publishedJwks, rotateSigningKey, verificationKey } from "./signing-keys";

const database = await createTestDb();
const ctx = systemContext("t", { db: database.prisma });

const ISSUER = "https://gatehouse.example.test/oauth/demo";
const AUDIENCE = "https://mcp.example.test/mcp";
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k"];

function claims(jti: string): AccessTokenClaims {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: ISSUER,
    sub: "user_1",
    aud: AUDIENCE,
    client_id: "ghc_app",
    scope: "mcp:tools",
    iat,
    exp: iat + 600,
    jti,
  };
}

function verify(token: string) {
  return verifyAccessToken(token, { issuer: ISSUER, audience: AUDIENCE, getKey: (kid) => verificationKey(ctx, kid) });
}

// One database for the file: these run in order, from "no key yet" to "rotated twice".
describe("signing keys", () => {
  let firstKey: SigningKeyMaterial;
  let firstKid: string;

  it("the first call to activeSigningKey creates exactly one key; later calls reuse it", async () => {
    expect(await database.prisma.signingKey.count()).toBe(0);
    firstKey = await activeSigningKey(ctx);
    firstKid = firstKey.kid;
    expect(await database.prisma.signingKey.count()).toBe(1);
    expect((await activeSigningKey(ctx)).kid).toBe(firstKid);
    expect(await database.prisma.signingKey.count()).toBe(1);
  });

  it("stores the private half only sealed, never as a plain JWK", async () => {
    const row = await database.prisma.signingKey.findUniqueOrThrow({ where: { kid: firstKid } });
    expect(row.privateSealed).toMatch(/^v1\./);
    expect(row.privateSealed).not.toContain('"d"');
    expect(Object.keys(row.publicJwk as object)).not.toContain("d");
  });

  it("META-17: the JWKS has public keys only (no d), each with a kid, ES256 for signing", async () => {
    const { keys } = await publishedJwks(ctx);
    expect(keys).toHaveLength(1);
    for (const key of keys) {
      for (const member of PRIVATE_JWK_MEMBERS) expect(key).not.toHaveProperty(member);
      expect(key).toMatchObject({ kid: firstKid, kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    }
  });

  it("AT-03: tokens signed with the active key verify through verificationKey", async () => {
    const token = await signAccessToken(claims("at_first"), await activeSigningKey(ctx));
    expect(decodeProtectedHeader(token).kid).toBe(firstKid);
    expect(await verify(token)).toMatchObject({ ok: true });
  });

  it("rotation: new tokens use the new kid; tokens of the old key still verify; the JWKS lists both keys", async () => {
    const oldToken = await signAccessToken(claims("at_before_rotation"), await activeSigningKey(ctx));

    const { kid, retired } = await rotateSigningKey({ ctx });
    expect(kid).not.toBe(firstKid);
    expect(retired).toEqual([firstKid]);

    expect((await activeSigningKey(ctx)).kid).toBe(kid);
    const newToken = await signAccessToken(claims("at_after_rotation"), await activeSigningKey(ctx));
    expect(decodeProtectedHeader(newToken).kid).toBe(kid);

    expect(await verificationKey(ctx, firstKid)).toBeDefined();
    expect(await verify(oldToken)).toMatchObject({ ok: true });
    expect(await verify(newToken)).toMatchObject({ ok: true });

    const { keys } = await publishedJwks(ctx);
    expect(keys.map((k) => k.kid)).toEqual([kid, firstKid]);
    for (const key of keys) for (const member of PRIVATE_JWK_MEMBERS) expect(key).not.toHaveProperty(member);
    expect(await auditCount(database, "signing_key.rotated", kid)).toBe(1);
  });

  it("META-17: kids stay unique across rotations", async () => {
    await rotateSigningKey({ ctx });
    const kids = (await publishedJwks(ctx)).keys.map((k) => k.kid);
    expect(kids).toHaveLength(3);
    expect(new Set(kids).size).toBe(3);
    expect(kids.every((k) => typeof k === "string" && k.length > 0)).toBe(true);
  });

  it("a key retired longer ago than the longest token lifetime is no longer published or trusted", async () => {
    const token = await signAccessToken(claims("at_old"), firstKey);
    expect(await verify(token)).toMatchObject({ ok: true });
    await database.prisma.signingKey.update({
      where: { kid: firstKid },
      data: { retiredAt: new Date(Date.now() - 2 * 86_400_000) },
    });
    expect(await verificationKey(ctx, firstKid)).toBeUndefined();
    expect((await publishedJwks(ctx)).keys.map((k) => k.kid)).not.toContain(firstKid);
    expect(await verify(token)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("an unknown kid has no verification key", async () => {
    expect(await verificationKey(ctx, "no-such-kid")).toBeUndefined();
  });

  it("a viewer may not rotate the keys (ForbiddenError), and nothing changes", async () => {
    const before = await database.prisma.signingKey.count();
    const activeBefore = (await activeSigningKey(ctx)).kid;
    const viewer = await makeCtx(database, "VIEWER");
    await expect(rotateSigningKey({ ctx: viewer })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await database.prisma.signingKey.count()).toBe(before);
    expect((await activeSigningKey(ctx)).kid).toBe(activeBefore);
  });

  it("an admin may rotate the keys, and the audit event names them", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const { kid } = await rotateSigningKey({ ctx: admin });
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "signing_key.rotated", targetId: kid },
    });
    expect(event.actorLabel).toBe(admin.actor.type === "user" ? admin.actor.email : "");
  });
});
