import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { Email, PersonName } from "./auth";

export const RoleInput = z.enum(ROLES, { error: "Choose a role." });

export const AddMemberInput = z.object({
  email: Email,
  name: PersonName.optional().default(""),
  role: RoleInput,
});
export type AddMemberInput = z.input<typeof AddMemberInput>;

export const ChangeMemberRoleInput = z.object({ userId: z.string().min(1), role: RoleInput });
export type ChangeMemberRoleInput = z.infer<typeof ChangeMemberRoleInput>;

export const RemoveMemberInput = z.object({ userId: z.string().min(1) });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;
