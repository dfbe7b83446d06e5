"use server";

// Initial access tokens of one MCP server: thin adapters over the service verbs (which re-check
// servers.write and scope the token to the server). The token comes back once, in the action state.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { CreateInitialAccessTokenInput, RevokeInitialAccessTokenInput } from "@/lib/schemas/dcr-policy";
import { createInitialAccessToken, revokeInitialAccessToken } from "@/lib/services";

const OnServer = z.object({ serverSlug: z.string().min(1) });

export const createInitialAccessTokenAction = defineAction({
  input: CreateInitialAccessTokenInput.extend(OnServer.shape),
  permission: "servers.write",
  run: async ({ serverSlug, ...input }, ctx) => {
    const result = await createInitialAccessToken({ ctx, serverSlug, input });
    revalidatePath(`/servers/${serverSlug}/settings/registration`);
    return result;
  },
});

export const revokeInitialAccessTokenAction = defineAction({
  input: RevokeInitialAccessTokenInput.extend(OnServer.shape),
  permission: "servers.write",
  run: async ({ serverSlug, tokenId }, ctx) => {
    const token = await revokeInitialAccessToken({ ctx, serverSlug, input: { tokenId } });
    revalidatePath(`/servers/${serverSlug}/settings/registration`);
    return { tokenId: token.id };
  },
});
