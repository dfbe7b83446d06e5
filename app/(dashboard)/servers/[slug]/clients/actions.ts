"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import {
  ClientIdInput,
  clientFormToInput,
  CreateClientInput,
  DeleteClientInput,
  DeleteClientsInput,
  RotateClientSecretInput,
  UpdateClientInput,
} from "@/lib/schemas/clients";
import { asArray } from "@/lib/schemas/form";
import {
  approveClient,
  createClient,
  deleteClient,
  deleteClients,
  revokePreviousClientSecret,
  rotateClientSecret,
  setClientDisabled,
  updateClient,
} from "@/lib/services";

// Every client form carries its MCP server's slug as a hidden field. The services re-read the
// client scoped by that server, so a forged slug/id pair finds nothing rather than another's client.
const OnServer = z.object({ serverSlug: z.string().min(1) });

/** Everything under the server (its overview counts clients; the list and detail pages show them). */
function revalidateServer(serverSlug: string) {
  revalidatePath(`/servers/${serverSlug}`, "layout");
}

/** The result carries the secret once: it lives in the form's action state and nowhere else. */
export const createClientAction = defineAction({
  input: CreateClientInput.extend(OnServer.shape),
  permission: "clients.write",
  prepare: clientFormToInput,
  run: async ({ serverSlug, ...input }, ctx) => {
    const result = await createClient({ ctx, serverSlug, input });
    revalidateServer(serverSlug);
    return result;
  },
});

export const updateClientAction = defineAction({
  input: UpdateClientInput.extend(OnServer.shape),
  permission: "clients.write",
  prepare: clientFormToInput,
  run: async ({ serverSlug, ...input }, ctx) => {
    const client = await updateClient({ ctx, serverSlug, input });
    revalidateServer(serverSlug);
    return { id: client.id };
  },
});

export const rotateClientSecretAction = defineAction({
  input: RotateClientSecretInput.extend(OnServer.shape),
  permission: "clients.write",
  run: async ({ serverSlug, ...input }, ctx) => {
    const { client, clientSecret } = await rotateClientSecret({ ctx, serverSlug, input });
    revalidateServer(serverSlug);
    return { clientSecret, previousSecretExpiresAt: client.previousSecretExpiresAt };
  },
});

/** Ends a rotation's grace period now. */
export const revokePreviousSecretAction = defineAction({
  input: ClientIdInput.extend(OnServer.shape),
  permission: "clients.write",
  run: async ({ serverSlug, clientId }, ctx) => {
    const client = await revokePreviousClientSecret({ ctx, serverSlug, input: { clientId } });
    revalidateServer(serverSlug);
    return { id: client.id };
  },
});

export const disableClientAction = defineAction({
  input: ClientIdInput.extend(OnServer.shape),
  permission: "clients.disable",
  run: async ({ serverSlug, clientId }, ctx) => {
    const client = await setClientDisabled({ ctx, serverSlug, input: { clientId }, disabled: true });
    revalidateServer(serverSlug);
    return { status: client.status };
  },
});

export const enableClientAction = defineAction({
  input: ClientIdInput.extend(OnServer.shape),
  permission: "clients.disable",
  run: async ({ serverSlug, clientId }, ctx) => {
    const client = await setClientDisabled({ ctx, serverSlug, input: { clientId }, disabled: false });
    revalidateServer(serverSlug);
    return { status: client.status };
  },
});

/**
 * No revalidatePath here on purpose: any revalidation makes Next re-render the page the action
 * came from, which is the deleted client's own page, so it would flash "not found" before the
 * form navigates to the list. The list (a dynamic page) is fetched fresh on that navigation.
 */
export const deleteClientAction = defineAction({
  input: DeleteClientInput.extend(OnServer.shape),
  permission: "clients.delete",
  run: async ({ serverSlug, ...input }, ctx) => {
    await deleteClient({ ctx, serverSlug, input });
    return { deleted: true as const };
  },
});

/** Approves a DCR client that awaits an admin (the server's registration policy asks for approval). */
export const approveClientAction = defineAction({
  input: ClientIdInput.extend(OnServer.shape),
  permission: "clients.write",
  run: async ({ serverSlug, clientId }, ctx) => {
    const client = await approveClient({ ctx, serverSlug, input: { clientId } });
    revalidateServer(serverSlug);
    return { id: client.id, approvalStatus: client.approvalStatus };
  },
});

/**
 * "Delete selected" on the Clients list, and "Reject" for a client awaiting approval. The form
 * repeats `clientId`. No revalidatePath, for the reason given at deleteClientAction: the caller
 * refreshes the list (or leaves the deleted client's page) itself.
 */
export const deleteClientsAction = defineAction({
  input: DeleteClientsInput.extend(OnServer.shape),
  permission: "clients.delete",
  prepare: ({ clientId, ...rest }) => ({ ...rest, clientIds: asArray(clientId) }),
  run: async ({ serverSlug, clientIds }, ctx) => deleteClients({ ctx, serverSlug, input: { clientIds } }),
});
