import { z } from "zod";

/** Endpoints that take no input still refuse fields: an empty body, or `{}`. */
export const EmptyBody = z.strictObject({});

/** Irreversible deletes repeat the resource's exact name, as the dashboard asks. */
export const ConfirmNameBody = z.strictObject({
  confirmName: z.string().meta({ description: "The resource's exact name." }),
});
