"use server";

// Identity provider mutations: thin adapters over lib/services/identity (which re-check the role
// and write the audit events). The client secret goes in and never comes back.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { asArray } from "@/lib/schemas/form";
import { IdentityProviderInput, LocalPasswordsInput, ProviderIdInput } from "@/lib/schemas/identity-providers";
import {
  createIdentityProvider,
  deleteIdentityProvider,
  setLocalPasswordsForEndUsers,
  testIdentityProvider,
  updateIdentityProvider,
} from "@/lib/services";

const PATH = "/settings/identity-providers";
const withServers = (values: Record<string, string | string[]>) => ({
  ...values,
  serverIds: asArray(values.serverIds),
});

export const createProviderAction = defineAction({
  input: IdentityProviderInput,
  permission: "settings.write",
  prepare: withServers,
  run: async (input, ctx) => {
    const provider = await createIdentityProvider({ ctx, input });
    revalidatePath(PATH);
    redirect(`${PATH}/${provider.id}?created=1`);
  },
});

export const updateProviderAction = defineAction({
  input: IdentityProviderInput.extend(ProviderIdInput.shape),
  permission: "settings.write",
  prepare: withServers,
  run: async (input, ctx) => {
    const provider = await updateIdentityProvider({ ctx, input });
    revalidatePath(PATH);
    return { id: provider.id };
  },
});

export const deleteProviderAction = defineAction({
  input: ProviderIdInput,
  permission: "settings.write",
  run: async (input, ctx) => {
    await deleteIdentityProvider({ ctx, input });
    revalidatePath(PATH);
    redirect(PATH);
  },
});

export const testProviderAction = defineAction({
  input: ProviderIdInput,
  permission: "settings.write",
  run: (input, ctx) => testIdentityProvider({ ctx, input }),
});

export const setLocalPasswordsAction = defineAction({
  input: LocalPasswordsInput,
  permission: "settings.write",
  run: async (input, ctx) => {
    await setLocalPasswordsForEndUsers({ ctx, input });
    revalidatePath(PATH);
    return input;
  },
});
