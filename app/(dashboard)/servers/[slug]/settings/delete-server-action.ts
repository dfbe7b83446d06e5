"use server";

import { defineAction } from "@/lib/actions/define-action";
import { DeleteServerInput } from "@/lib/schemas/servers";
import { deleteServer } from "@/lib/services";

/**
 * The Danger zone's delete, confirmed by the server's name (the service compares it again). No
 * revalidatePath: it would re-render the deleted server's own page; the dialog goes to /servers
 * and refreshes the layout's server list itself.
 */
export const deleteServerAction = defineAction({
  input: DeleteServerInput,
  permission: "servers.write",
  run: (input, ctx) => deleteServer(ctx, input),
});
