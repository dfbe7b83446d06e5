import { z } from "zod";

export const IsoDateTime = z.string().meta({ format: "date-time", example: "2026-11-28T00:17:40.037Z" });
export const NullableIsoDateTime = IsoDateTime.nullable();

/** The admin API's one error envelope (lib/api/json-route.ts); never the OAuth endpoints' RFC 6749 JSON. */
export const ErrorEnvelope = z
  .strictObject({
    error: z.strictObject({
      code: z
        .string()
        .meta({ example: "INVALID", description: "UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, INVALID, …" }),
      message: z.string(),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .meta({ description: "Input errors only: dotted paths into the body (or query) → messages." }),
    }),
  })
  .meta({ id: "Error" });
