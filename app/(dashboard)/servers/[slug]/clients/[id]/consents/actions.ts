"use server";

// Consents tab mutations: thin adapters over the service verbs, which re-read the client scoped by
// its MCP server and re-check the role. The slug and client id travel as hidden fields.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { asArray } from "@/lib/schemas/form";
import { revokeAllClientConsents, revokeClientConsents } from "@/lib/services";

const OnClient = z.object({ serverSlug: z.string().min(1), clientId: z.string().min(1) });

/** The client's pages (its consent count) and the server's lists that count consents. */
function revalidateServer(serverSlug: string) {
  revalidatePath(`/servers/${serverSlug}`, "layout");
}

export const revokeClientConsentsAction = defineAction({
  input: OnClient.extend({ consentIds: z.array(z.string().min(1)).min(1, "Select at least one consent.").max(500) }),
  permission: "consents.revoke",
  // One `consentId` field per selected row.
  prepare: ({ consentId, ...rest }) => ({ ...rest, consentIds: asArray(consentId) }),
  run: async ({ serverSlug, clientId, consentIds }, ctx) => {
    const revoked = await revokeClientConsents({ ctx, serverSlug, clientId, input: { consentIds } });
    revalidateServer(serverSlug);
    return { revoked: revoked.length };
  },
});

export const revokeAllClientConsentsAction = defineAction({
  input: OnClient.extend({ confirmName: z.string() }),
  permission: "consents.revoke",
  run: async ({ serverSlug, clientId, confirmName }, ctx) => {
    const revoked = await revokeAllClientConsents({ ctx, serverSlug, clientId, confirmName });
    revalidateServer(serverSlug);
    return { revoked: revoked.length };
  },
});
