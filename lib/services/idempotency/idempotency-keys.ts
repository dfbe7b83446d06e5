// Idempotent creates (Idempotency-Key header, draft-ietf-httpapi-idempotency-key-header; Stripe's
// semantics): the first successful response to a (principal, key) is kept for 24 hours, sealed
// because it may hold a one-time secret, and replayed to a retry of the same request. The create
// and the key's row commit in one transaction, so a retry racing the first request waits on the
// key's unique index and then replays instead of creating twice.
import { seal, unseal } from "@/lib/crypto/seal";
import { newId } from "@/lib/ids";
import type { Actor, ServiceContext } from "../context";
import { dbOf } from "../context";
import { ValidationError } from "../errors";
import { uniqueViolationFields } from "../prisma-errors";

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const SEAL_PURPOSE = "idempotency-response";

export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
}

export function principalOf(actor: Actor): string {
  switch (actor.type) {
    case "api_key":
      return `api_key:${actor.keyId}`;
    case "user":
      return `user:${actor.userId}`;
    case "system":
      return `system:${actor.label}`;
  }
}

/** Thrown inside the transaction to roll back a create that did not succeed; its response is not kept. */
class NotKept extends Error {
  constructor(readonly response: StoredResponse) {
    super("not kept");
  }
}

async function replay(ctx: ServiceContext, principal: string, key: string, fingerprint: string, now: Date) {
  const row = await dbOf(ctx).idempotencyKey.findUnique({ where: { principal_key: { principal, key } } });
  if (!row || row.expiresAt <= now) return undefined;
  if (row.fingerprint !== fingerprint) {
    const message = "This Idempotency-Key was already used with a different request. Use a new key for a new request.";
    throw new ValidationError(message, { "Idempotency-Key": [message] });
  }
  return JSON.parse(unseal(SEAL_PURPOSE, row.responseSealed)) as StoredResponse;
}

/**
 * Runs `create` once per (principal, key, request). `create` gets a context bound to the
 * transaction; a response outside 2xx (or a throw) rolls everything back and keeps nothing, so a
 * retry runs again: a failed create changed nothing.
 */
export async function runIdempotent({
  ctx,
  key,
  fingerprint,
  create,
  now = new Date(),
}: {
  ctx: ServiceContext;
  key: string;
  fingerprint: string;
  create: (txCtx: ServiceContext) => Promise<StoredResponse>;
  now?: Date;
}): Promise<{ response: StoredResponse; replayed: boolean }> {
  const principal = principalOf(ctx.actor);
  const earlier = await replay(ctx, principal, key, fingerprint, now);
  if (earlier) return { response: earlier, replayed: true };
  const handle = dbOf(ctx);
  if (!("$transaction" in handle)) throw new Error("runIdempotent needs its own transaction.");
  try {
    const response = await handle.$transaction(
      async (tx) => {
        await tx.idempotencyKey.deleteMany({ where: { principal, key, expiresAt: { lte: now } } });
        // Reserve first: a concurrent retry blocks here until this transaction ends.
        const row = await tx.idempotencyKey.create({
          data: {
            id: newId("idempotencyKey"),
            principal,
            key,
            fingerprint,
            status: 0,
            responseSealed: "",
            expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
          },
          select: { id: true },
        });
        const result = await create({ ...ctx, db: tx });
        if (result.status < 200 || result.status > 299) throw new NotKept(result);
        await tx.idempotencyKey.update({
          where: { id: row.id },
          data: { status: result.status, responseSealed: seal(SEAL_PURPOSE, JSON.stringify(result)) },
        });
        return result;
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
    return { response, replayed: false };
  } catch (err) {
    if (err instanceof NotKept) return { response: err.response, replayed: false };
    if (uniqueViolationFields(err)) {
      // Another request with this key committed while we waited: answer as its retry.
      const winner = await replay(ctx, principal, key, fingerprint, now);
      if (winner) return { response: winner, replayed: true };
    }
    throw err;
  }
}
