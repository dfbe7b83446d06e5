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
    identityProviders: z
      .array(z.string())
      .meta({ description: "Labels of the identity providers this person signs in with; empty: local only." }),
    hasPassword: z.boolean().meta({
      description:
        "Whether the person has a Gatehouse password; false: they sign in only through an identity provider.",
    }),
    scimProvider: z
      .string()
      .nullable()
      .meta({ description: "The identity provider whose SCIM client manages this user, if any." }),
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
    server: z.strictObject({ slug: z.string(), name: z.string(), accessTokenTtl: z.int(), statusListTtl: z.int() }),
    scopes: z.array(z.strictObject({ name: z.string(), description: z.string() })),
    grantedAt: IsoDateTime,
    lastUsedAt: NullableIsoDateTime,
    liveRefreshTokens: z.int(),
    grantedBy: z.strictObject({ providerId: z.string(), label: z.string() }).nullable().meta({
      description:
        "Set when an identity provider's policy granted the access (an ID-JAG assertion, enterprise-managed authorization) instead of the person on the consent screen.",
    }),
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
