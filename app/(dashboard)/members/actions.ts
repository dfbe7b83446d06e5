"use server";

// Members mutations: thin adapters over the service verbs (which re-check the role rules and the
// last-owner rule). addMemberAction returns the temporary password once, in the action state only.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { AddMemberInput, ChangeMemberRoleInput, RemoveMemberInput } from "@/lib/schemas/members";
import { addMember, changeMemberRole, removeMember } from "@/lib/services";

export const addMemberAction = defineAction({
  input: AddMemberInput,
  permission: "members.write",
  run: async (input, ctx) => {
    const result = await addMember({ ctx, input });
    revalidatePath("/members");
    return result;
  },
});

export const changeMemberRoleAction = defineAction({
  input: ChangeMemberRoleInput,
  permission: "members.write",
  run: async (input, ctx) => {
    const member = await changeMemberRole({ ctx, input });
    revalidatePath("/members");
    return member;
  },
});

export const removeMemberAction = defineAction({
  input: RemoveMemberInput,
  permission: "members.write",
  run: async (input, ctx) => {
    await removeMember({ ctx, input });
    revalidatePath("/members");
    return { userId: input.userId };
  },
});
