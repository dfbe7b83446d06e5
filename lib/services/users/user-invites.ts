// Invite links: a new end user sets their own password through a single-use link the admin passes
// on (Gatehouse sends no email). The token is 256 random bits; only its SHA-256 is stored, so the
// database never holds a usable link, and lookup by that hash is the comparison.
import { createHash } from "node:crypto";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { newId, randomToken } from "@/lib/ids";
import { publicUrl } from "@/lib/request-meta";
import { recordAudit } from "../audit/record-audit";
import { actorLabel, dbOf, type ServiceContext } from "../context";
import { ValidationError } from "../errors";
import { withTx } from "../transaction";
import { assertPasswordPolicy } from "./password-policy";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const sha256 = (v: string) => createHash("sha256").update(v, "utf8").digest("hex");

export interface IssuedInvite {
  /** Shown once to the admin; only its hash is stored. */
  inviteUrl: string;
  expiresAt: string;
}

/** Creates a new invite for a user inside the caller's transaction; earlier open invites stop working. */
export async function issueInvite(
  tx: Prisma.TransactionClient,
  ctx: ServiceContext,
  userId: string,
  now = new Date(),
): Promise<IssuedInvite> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  await tx.userInvite.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await tx.userInvite.create({
    data: { id: newId("invite"), userId, tokenHash: sha256(token), expiresAt, createdById: actorLabel(ctx.actor).id },
  });
  return { inviteUrl: publicUrl(`/account/invite/${token}`), expiresAt: expiresAt.toISOString() };
}

const InviteToken = z.string().trim().min(20).max(100);

/** One reason for every unusable link: unknown, used, expired or disabled look the same. */
export class InvalidInviteError extends ValidationError {
  constructor() {
    super("This invite link is not valid any more. Ask your administrator for a new one.");
  }
}

async function findOpenInvite(ctx: ServiceContext, token: string, now: Date, db = dbOf(ctx)) {
  const parsed = InviteToken.safeParse(token);
  if (!parsed.success) return null;
  const invite = await db.userInvite.findUnique({
    where: { tokenHash: sha256(parsed.data) },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, disabledAt: true } },
    },
  });
  if (!invite || invite.usedAt || invite.expiresAt <= now || invite.user.disabledAt) return null;
  return invite;
}

/** For the invite page: whose link this is, or null when it cannot be used. */
export async function describeInvite({
  ctx,
  token,
  now = new Date(),
}: {
  ctx: ServiceContext;
  token: string;
  now?: Date;
}): Promise<{ email: string; name: string | null } | null> {
  const invite = await findOpenInvite(ctx, token, now);
  return invite && { email: invite.user.email, name: invite.user.name };
}

/**
 * The invited person chooses a password. The link is spent in the same transaction (a concurrent
 * second use finds it spent: the update is conditional on `usedAt` still being null).
 */
export async function setPasswordFromInvite({
  ctx,
  token,
  password,
  now = new Date(),
}: {
  ctx: ServiceContext;
  token: string;
  password: string;
  now?: Date;
}): Promise<{ email: string }> {
  const invite = await findOpenInvite(ctx, token, now);
  if (!invite) throw new InvalidInviteError();
  assertPasswordPolicy(password, invite.user);
  const passwordHash = await hashPassword(password);
  return withTx(ctx, async (tx) => {
    const spent = await tx.userInvite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: now } });
    if (spent.count !== 1) throw new InvalidInviteError();
    await tx.user.update({
      where: { id: invite.user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    const target = { type: "user", id: invite.user.id, label: invite.user.email };
    await recordAudit(
      tx,
      { ...ctx, actor: { type: "system", label: "invite link" } },
      {
        action: "user.invite_accepted",
        target,
      },
    );
    return { email: invite.user.email };
  });
}
