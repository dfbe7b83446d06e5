import { jsonRoute } from "@/lib/api/json-route";
import { setUserDisabled } from "@/lib/services";

export const POST = jsonRoute<{ id: string }>("users.disable", async (_req, ctx, { id }) => ({
  user: await setUserDisabled({ ctx, userId: id, disabled: false }),
}));
