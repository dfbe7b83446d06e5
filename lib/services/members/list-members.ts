import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { toUserDto, userDtoSelect, type UserDto } from "../users/user-dto";

/** Staff: every user with a dashboard role, owners first. */
export async function listMembers({ ctx }: { ctx: ServiceContext }): Promise<UserDto[]> {
  requirePermission(ctx, "members.read");
  const rows = await dbOf(ctx).user.findMany({
    where: { role: { not: null } },
    select: userDtoSelect,
    orderBy: [{ role: "asc" }, { email: "asc" }],
  });
  return rows.map(toUserDto);
}
