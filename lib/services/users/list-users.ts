import { z } from "zod";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { toUserDto, userDtoSelect, type UserDto } from "./user-dto";
import { likeLiteral } from "@/lib/db/like";

export const ListUsersInput = z.object({
  q: z.string().trim().max(200).optional(),
  /** "staff": users with a dashboard role; "all": everyone. */
  kind: z.enum(["staff", "all"]).default("all"),
  limit: z.number().int().min(1).max(500).default(50),
});
export type ListUsersInput = z.input<typeof ListUsersInput>;

export async function listUsers({
  ctx,
  input = {},
}: {
  ctx: ServiceContext;
  input?: ListUsersInput;
}): Promise<UserDto[]> {
  requirePermission(ctx, "users.read");
  const { q, kind, limit } = ListUsersInput.parse(input);
  const rows = await dbOf(ctx).user.findMany({
    where: {
      ...(kind === "staff" ? { role: { not: null } } : {}),
      ...(q
        ? {
            OR: [
              { email: { contains: likeLiteral(q.toLowerCase()) } },
              { name: { contains: likeLiteral(q), mode: "insensitive" } },
            ],
          }
        : {}),
    },
    select: userDtoSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map(toUserDto);
}
