// DPoP state that must hold across instances (RFC 9449 §8, §11.1): the proof jti replay store is a
// table (insert-unique; swept after the proof's iat window), and server nonces are stateless HMACs
// under a key derived from GATEHOUSE_SECRET, so any instance accepts another's nonce.
import { createHash, hkdfSync } from "node:crypto";
import { dpopNonces, type DpopNonces } from "@/lib/oauth/dpop";
import type { TokenEndpointDpop } from "@/lib/oauth/token-endpoint";
import { processWide } from "@/lib/process-state";
import { gatehouseSecret } from "@/lib/secret";
import { dbOf, type ServiceContext } from "../context";

function nonces(): DpopNonces {
  return processWide("__gatehouseDpopNonces", () =>
    dpopNonces(Buffer.from(hkdfSync("sha256", gatehouseSecret(), "gatehouse", "dpop-nonce", 32))),
  );
}

/**
 * Records a proof's jti for its key; false when any instance saw it before. ON CONFLICT DO NOTHING
 * makes the check and the insert one statement, so two concurrent presentations cannot both pass.
 */
export async function rememberDpopJti(
  ctx: ServiceContext,
  jkt: string,
  jti: string,
  replayUntil: Date,
): Promise<boolean> {
  const id = createHash("sha256").update(`${jkt}:${jti}`).digest("base64url");
  const inserted = await dbOf(ctx).$executeRaw`
    INSERT INTO "DpopProofJti" ("id", "expiresAt") VALUES (${id}, ${replayUntil})
    ON CONFLICT ("id") DO NOTHING`;
  return inserted === 1;
}

export function sweepDpopJtis(ctx: ServiceContext, now: Date): Promise<{ count: number }> {
  return dbOf(ctx).dpopProofJti.deleteMany({ where: { expiresAt: { lt: now } } });
}

/** The token endpoint's DPoP dependencies for one server. Nonces are always required there. */
export function tokenEndpointDpop(ctx: ServiceContext, tokenUrl: string): TokenEndpointDpop {
  return {
    url: tokenUrl,
    nonce: (now) => nonces().current(now),
    nonceValid: (nonce, now) => nonces().isValid(nonce, now),
    rememberJti: (jkt, jti, until) => rememberDpopJti(ctx, jkt, jti, until),
  };
}
