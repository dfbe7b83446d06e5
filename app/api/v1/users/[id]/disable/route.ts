import { jsonRoute } from "@/lib/api/json-route";
import { setUserDisabled } from "@/lib/services";

/** Blocks sign-in and refresh and cuts the user's live tokens at once. */
export const POST = jsonRoute<{ id: string }>("users.disable", async (_req, ctx, { id }) => ({
  user: await setUserDisabled({ ctx, userId: id, disabled: true }),
}));
