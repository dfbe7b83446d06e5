import { z } from "zod";
import { RoleInput } from "./members";

export const API_KEY_EXPIRIES = { never: 0, "30d": 30, "90d": 90, "365d": 365 } as const;
export type ApiKeyExpiry = keyof typeof API_KEY_EXPIRIES;

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1, "Enter a name, e.g. “CI deploys”.").max(100, "Use at most 100 characters."),
  role: RoleInput,
  expiresIn: z.enum(Object.keys(API_KEY_EXPIRIES) as [ApiKeyExpiry, ...ApiKeyExpiry[]]).default("90d"),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInput>;

export const RevokeApiKeyInput = z.object({ keyId: z.string().min(1) });
