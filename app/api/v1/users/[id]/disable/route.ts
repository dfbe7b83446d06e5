import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { setUserDisabled } from "@/lib/services";

/** Blocks sign-in and refresh and cuts the user's live tokens at once. */
export const POST = jsonRoute<{ id: string }>("users.disable", async (req, ctx, { id }) => {
  await readBody(req, EmptyBody);
  return {
    user: await setUserDisabled({ ctx, userId: id, disabled: true }),
  };
});
