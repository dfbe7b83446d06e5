import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { canManageRole } from "@/lib/auth/permissions";
import { Email, NewPassword, PersonName } from "@/lib/schemas/auth";
import { RoleInput } from "@/lib/schemas/members";
import { newId } from "@/lib/ids";
import { recordAudit } from "../audit/record-audit";
import { effectiveRole, requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { ConflictError, ForbiddenError } from "../errors";
import { uniqueViolationFields } from "../prisma-errors";
import { withTx } from "../transaction";
import { toUserDto, userDtoSelect, type UserDto } from "./user-dto";

export const CreateUserInput = z.object({
  email: Email,
  password: NewPassword,
  name: PersonName.optional(),
  role: RoleInput.nullable().optional(),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

/** Creates a user with a known password (operators at the CLI; tests). Staff if a role is given. */
export async function createUser({ ctx, input }: { ctx: ServiceContext; input: CreateUserInput }): Promise<UserDto> {
  requirePermission(ctx, "members.write");
  const { email, password, name, role } = CreateUserInput.parse(input);
  if (role && !canManageRole(effectiveRole(ctx), role)) throw new ForbiddenError();
  const passwordHash = await hashPassword(password);
  try {
    return await withTx(ctx, async (tx) => {
      const user = await tx.user.create({
        data: { id: newId("user"), email, name: name || null, passwordHash, role: role ?? null },
        select: userDtoSelect,
      });
      await recordAudit(tx, ctx, {
        action: "user.created",
        target: { type: "user", id: user.id, label: user.email },
        details: { after: { email: user.email, name: user.name, role: user.role } },
      });
      return toUserDto(user);
    });
  } catch (err) {
    if (uniqueViolationFields(err))
      throw new ConflictError("A user with this email already exists.", {
        email: ["A user with this email already exists."],
      });
    throw err;
  }
}
