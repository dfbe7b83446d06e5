// First run: while no user exists, Gatehouse only offers /setup, which creates the OWNER.
import { hashPassword } from "@/lib/auth/password";
import { SetupInput } from "@/lib/schemas/auth";
import { newId } from "@/lib/ids";
import { recordAudit } from "../audit/record-audit";
import { dbOf, type ServiceContext } from "../context";
import { PreconditionFailedError } from "../errors";
import { lockFor, LOCKS } from "../locks";
import { withTx } from "../transaction";
import type { UserDto } from "../users/user-dto";
import { toUserDto, userDtoSelect } from "../users/user-dto";

let setupDone = false; // once true it stays true: users are never all deleted while running

export async function isSetupComplete(ctx: ServiceContext): Promise<boolean> {
  if (setupDone && !ctx.db) return true;
  const any = await dbOf(ctx).user.findFirst({ select: { id: true } });
  if (any && !ctx.db) setupDone = true;
  return any !== null;
}

export async function completeSetup({ ctx, input }: { ctx: ServiceContext; input: SetupInput }): Promise<UserDto> {
  const { name, email, password } = SetupInput.parse(input);
  const passwordHash = await hashPassword(password);
  return withTx(ctx, async (tx) => {
    await lockFor(tx, LOCKS.setup);
    if (await tx.user.findFirst({ select: { id: true } })) {
      throw new PreconditionFailedError("Gatehouse is already set up. Sign in instead.");
    }
    const user = await tx.user.create({
      data: { id: newId("user"), email, name, passwordHash, role: "OWNER" },
      select: userDtoSelect,
    });
    await recordAudit(tx, ctx, {
      action: "setup.completed",
      target: { type: "user", id: user.id, label: user.email },
      details: { after: { email: user.email, name: user.name, role: "OWNER" } },
    });
    return toUserDto(user);
  });
}
