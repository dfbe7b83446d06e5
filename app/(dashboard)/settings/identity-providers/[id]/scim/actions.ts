"use server";

// SCIM token mutations: thin adapters over the service verbs. createScimTokenAction returns the
// token once, in the action state only: never a toast, a URL or the React Query cache.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createScimToken, CreateScimTokenInput, revokeScimToken, RevokeScimTokenInput } from "@/lib/services";

export const createScimTokenAction = defineAction({
  input: CreateScimTokenInput,
  permission: "settings.write",
  run: async (input, ctx) => {
    const result = await createScimToken({ ctx, input });
    revalidatePath(`/settings/identity-providers/${input.providerId}/scim`);
    return result;
  },
});

export const revokeScimTokenAction = defineAction({
  input: RevokeScimTokenInput,
  permission: "settings.write",
  run: async (input, ctx) => {
    await revokeScimToken({ ctx, input });
    revalidatePath(`/settings/identity-providers/${input.providerId}/scim`);
    return { tokenId: input.tokenId };
  },
});
