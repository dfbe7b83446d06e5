import { z } from "zod";
import { generateTemporaryPassword, hashPassword } from "@/lib/auth/password";
import { AddEndUserInput } from "@/lib/schemas/account";
import { newId } from "@/lib/ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { ConflictError } from "../errors";
import { uniqueViolationFields } from "../prisma-errors";
import { withTx } from "../transaction";
import { toUserDto, userDtoSelect, type UserDto } from "./user-dto";
import { issueInvite } from "./user-invites";

export const CreateEndUserInput = z.strictObject(AddEndUserInput.shape);
export type CreateEndUserInput = z.input<typeof CreateEndUserInput>;

/** What the admin passes on, shown once: exactly one of the two is set. */
export interface CreateEndUserResult {
  user: UserDto;
  temporaryPassword: string | null;
  inviteUrl: string | null;
  inviteExpiresAt: string | null;
}

/**
 * An end user (no dashboard role) with a local password. "temporary-password": a generated one the
 * person must change at first sign-in; "invite-link": no password until they set one via the link.
 */
export async function createEndUser({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateEndUserInput;
}): Promise<CreateEndUserResult> {
  requirePermission(ctx, "users.write");
  const { email, name, mode } = CreateEndUserInput.parse(input);
  const temporaryPassword = mode === "temporary-password" ? generateTemporaryPassword() : null;
  const passwordHash = temporaryPassword ? await hashPassword(temporaryPassword) : null;
  try {
    return await withTx(ctx, async (tx) => {
      const user = await tx.user.create({
        data: { id: newId("user"), email, name: name || null, passwordHash, mustChangePassword: passwordHash !== null },
        select: userDtoSelect,
      });
      const invite = mode === "invite-link" ? await issueInvite(tx, ctx, user.id) : null;
      await recordAudit(tx, ctx, {
        action: "user.created",
        target: { type: "user", id: user.id, label: user.email },
        details: { after: { email: user.email, name: user.name }, mode },
      });
      if (invite)
        await recordAudit(tx, ctx, {
          action: "user.invited",
          target: { type: "user", id: user.id, label: user.email },
          details: { expiresAt: invite.expiresAt },
        });
      return {
        user: toUserDto(user),
        temporaryPassword,
        inviteUrl: invite?.inviteUrl ?? null,
        inviteExpiresAt: invite?.expiresAt ?? null,
      };
    });
  } catch (err) {
    if (uniqueViolationFields(err))
      throw new ConflictError("A user with this email already exists.", {
        email: ["A user with this email already exists."],
      });
    throw err;
  }
}
