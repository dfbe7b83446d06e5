import { jsonRoute } from "@/lib/api/json-route";
import { revokeInitialAccessToken } from "@/lib/services";

/** Revokes the token: /register refuses it from now on. Answers with its new status. */
export const DELETE = jsonRoute<{ slug: string; tokenId: string }>(
  "servers.write",
  async (_req, ctx, { slug, tokenId }) => ({
    initialAccessToken: await revokeInitialAccessToken({ ctx, serverSlug: slug, input: { tokenId } }),
  }),
);
