import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { revokeInitialAccessToken } from "@/lib/services";

/** Revokes the token: /register refuses it from now on. Answers with its new status. */
export const DELETE = jsonRoute<{ slug: string; tokenId: string }>(
  "servers.write",
  async (req, ctx, { slug, tokenId }) => {
    await readBody(req, EmptyBody);
    return {
      initialAccessToken: await revokeInitialAccessToken({ ctx, serverSlug: slug, input: { tokenId } }),
    };
  },
);
