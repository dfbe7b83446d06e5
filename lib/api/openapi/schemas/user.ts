import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import type { UserDto } from "@/lib/services/users/user-dto";
import type { ConsentDto } from "@/lib/services/consents/consent-dto";
import type { RevokedConsent } from "@/lib/services/consents/revoke-consents";
import { IsoDateTime, NullableIsoDateTime } from "./common";
import type { SameType } from "./same-type";

/** A user (end user or staff member) as the API returns it: never the password hash. */
export const User = z
  .strictObject({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES).nullable().meta({ description: "A dashboard role; null for end users." }),
    disabledAt: NullableIsoDateTime,
    lastSignInAt: NullableIsoDateTime,
    createdAt: IsoDateTime,
  })
  .meta({ id: "User" });

export const Consent = z
  .strictObject({
    id: z.string(),
    user: z.strictObject({ id: z.string(), email: z.string(), name: z.string().nullable(), disabled: z.boolean() }),
    client: z.strictObject({
      id: z.string(),
      clientId: z.string(),
      name: z.string(),
      logoUri: z.string().nullable(),
      registration: z.string(),
    }),
    server: z.strictObject({ slug: z.string(), name: z.string(), accessTokenTtl: z.int() }),
    scopes: z.array(z.strictObject({ name: z.string(), description: z.string() })),
    grantedAt: IsoDateTime,
    lastUsedAt: NullableIsoDateTime,
    liveRefreshTokens: z.int(),
  })
  .meta({ id: "Consent" });

export const RevokedConsentSchema = z
  .strictObject({ id: z.string(), userEmail: z.string(), clientName: z.string() })
  .meta({ id: "RevokedConsent" });

export const userSchemasMatch: [
  SameType<z.output<typeof User>, UserDto>,
  SameType<z.output<typeof Consent>, ConsentDto>,
  SameType<z.output<typeof RevokedConsentSchema>, RevokedConsent>,
] = [true, true, true];
