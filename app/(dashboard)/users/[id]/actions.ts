"use server";

// A user's access, from the security team's side: thin adapters over the service verbs, which
// re-check the role (and, for disabling, the owner and self rules). Each revalidates the page.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { asArray } from "@/lib/schemas/form";
import { resetUserPassword, revokeAllUserAccess, revokeUserConsents, setUserDisabled } from "@/lib/services";

const UserId = z.object({ userId: z.string().min(1) });

function revalidateUser(userId: string) {
  revalidatePath(`/users/${userId}`);
  revalidatePath("/users");
}

export const revokeUserConsentsAction = defineAction({
  input: UserId.extend({ consentIds: z.array(z.string().min(1)).min(1, "Select at least one consent.").max(500) }),
  permission: "consents.revoke",
  prepare: ({ consentId, ...rest }) => ({ ...rest, consentIds: asArray(consentId) }),
  run: async (input, ctx) => {
    const revoked = await revokeUserConsents({ ctx, input });
    revalidateUser(input.userId);
    return { revoked: revoked.length };
  },
});

export const revokeAllUserAccessAction = defineAction({
  input: UserId,
  permission: "consents.revoke",
  run: async ({ userId }, ctx) => {
    const revoked = await revokeAllUserAccess({ ctx, userId });
    revalidateUser(userId);
    return { revoked: revoked.length };
  },
});

export const setUserDisabledAction = defineAction({
  input: UserId.extend({ disabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  permission: "users.disable",
  run: async ({ userId, disabled }, ctx) => {
    const user = await setUserDisabled({ ctx, userId, disabled });
    revalidateUser(userId);
    return { disabled: user.disabledAt !== null };
  },
});

/** The new temporary password comes back once, in the action state only. */
export const resetUserPasswordAction = defineAction({
  input: UserId,
  permission: "users.write",
  run: async ({ userId }, ctx) => {
    const result = await resetUserPassword({ ctx, userId });
    revalidateUser(userId);
    return result;
  },
});
