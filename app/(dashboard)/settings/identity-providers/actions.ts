"use server";

// Identity provider mutations: thin adapters over lib/services/identity (which re-check the role
// and write the audit events). The client secret goes in and never comes back.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/actions/action-result";
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
  idJagServerIds: asArray(values.idJagServerIds),
});

const createProvider = defineAction({
  input: IdentityProviderInput,
  permission: "settings.write",
  prepare: withServers,
  run: async (input, ctx) => {
    const provider = await createIdentityProvider({ ctx, input });
    revalidatePath(PATH);
    return { id: provider.id };
  },
});

/** On success, on to the provider's page (redirect outside defineAction, which catches errors). */
export async function createProviderAction(
  prev: ActionResult<{ id: string }> | null,
  form: FormData,
): Promise<ActionResult<{ id: string }>> {
  const result = await createProvider(prev, form);
  if (result.ok) redirect(`${PATH}/${result.data.id}`);
  return result;
}

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

const deleteProvider = defineAction({
  input: ProviderIdInput,
  permission: "settings.write",
  run: async (input, ctx) => {
    await deleteIdentityProvider({ ctx, input });
    revalidatePath(PATH);
    return null;
  },
});

export async function deleteProviderAction(prev: ActionResult<null> | null, form: FormData) {
  const result = await deleteProvider(prev, form);
  if (result.ok) redirect(PATH);
  return result;
}

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
