"use server";

// API key mutations: thin adapters over the service verbs (which re-check the permission and that
// the viewer may grant the key's role). createApiKeyAction returns the token once, in the action
// state only: never a toast, a URL or the React Query cache.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { CreateApiKeyInput, RevokeApiKeyInput } from "@/lib/schemas/api-keys";
import { createApiKey, revokeApiKey } from "@/lib/services";

export const createApiKeyAction = defineAction({
  input: CreateApiKeyInput,
  permission: "apikeys.write",
  run: async (input, ctx) => {
    const result = await createApiKey({ ctx, input });
    revalidatePath("/settings/api-keys");
    return result;
  },
});

export const revokeApiKeyAction = defineAction({
  input: RevokeApiKeyInput,
  permission: "apikeys.write",
  run: async (input, ctx) => {
    await revokeApiKey({ ctx, input });
    revalidatePath("/settings/api-keys");
    return { keyId: input.keyId };
  },
});
