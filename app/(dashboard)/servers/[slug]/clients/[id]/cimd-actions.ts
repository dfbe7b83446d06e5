"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { ClientIdInput } from "@/lib/schemas/clients";
import { refreshMetadataDocument } from "@/lib/services";

/** "Refresh now" on a metadata-document client: fetch its document again, whatever the cache says. */
export const refreshMetadataDocumentAction = defineAction({
  input: ClientIdInput.extend({ serverSlug: z.string().min(1) }),
  permission: "clients.write",
  run: async ({ serverSlug, clientId }, ctx) => {
    const result = await refreshMetadataDocument({ ctx, serverSlug, input: { clientId } });
    revalidatePath(`/servers/${serverSlug}`, "layout");
    return result;
  },
});
