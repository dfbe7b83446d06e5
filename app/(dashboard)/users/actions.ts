"use server";

// Users → Add user: a thin adapter over createEndUser. The temporary password or invite link
// comes back once, in the action state only.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { AddEndUserInput } from "@/lib/schemas/account";
import { createEndUser } from "@/lib/services";

export const addUserAction = defineAction({
  input: AddEndUserInput,
  permission: "users.write",
  run: async (input, ctx) => {
    const result = await createEndUser({ ctx, input });
    revalidatePath("/users");
    return result;
  },
});
