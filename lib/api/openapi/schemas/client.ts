import { z } from "zod";
import type { ClientDto } from "@/lib/services/clients/client-dto";
import type { ClientPageDto } from "@/lib/services/clients/list-clients";
import type { ActivityDay } from "@/lib/services/activity/client-activity";
import { CLIENT_FLOWS, REGISTRATION_TYPES } from "@/lib/schemas/client-list";
import { IsoDateTime, NullableIsoDateTime } from "./common";
import type { SameType } from "./same-type";

/** A client as the API returns it: never a secret or its hash. */
export const Client = z
  .strictObject({
    id: z.string().meta({ example: "cli_aM8p9nTc2IxmR4K-mH40Kg" }),
    serverId: z.string(),
    clientId: z.string().meta({ description: "The public OAuth client_id (a URL for CIMD clients)." }),
    name: z.string(),
    description: z.string(),
    logoUri: z.string().nullable(),
    clientUri: z.string().nullable(),
    registration: z.enum(REGISTRATION_TYPES),
    flow: z.enum(CLIENT_FLOWS),
    isConfidential: z.boolean(),
    dpopBoundAccessTokens: z.boolean().meta({
      description: "RFC 9449 §5.2 dpop_bound_access_tokens: token requests without a DPoP proof are refused.",
    }),
    tokenEndpointAuthMethod: z.string(),
    jwksUri: z.string().nullable().meta({
      description: "private_key_jwt (RFC 7523): the URL where the client publishes its public keys.",
    }),
    jwksKeys: z
      .array(z.object({ kid: z.string().nullable(), kty: z.string(), alg: z.string().nullable() }))
      .nullable()
      .meta({ description: "private_key_jwt: the registered public keys (kid, kty, alg; never key material)." }),
    grantTypes: z.array(z.string()),
    redirectUris: z.array(z.string()),
    allowedScopes: z.array(z.string()),
    secretLast4: z.string().nullable(),
    secretCreatedAt: NullableIsoDateTime,
    previousSecretLast4: z.string().nullable(),
    previousSecretExpiresAt: NullableIsoDateTime,
    createdByLabel: z.string().nullable(),
    consentCount: z.int(),
    status: z.enum(["active", "disabled"]),
    approvalStatus: z.enum(["APPROVED", "PENDING"]),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    lastUsedAt: NullableIsoDateTime,
    disabledAt: NullableIsoDateTime,
  })
  .meta({ id: "Client" });

export const ClientPage = z
  .strictObject({
    clients: z.array(Client),
    nextCursor: z.string().nullable(),
    total: z.int().meta({ description: "Matching clients, counted up to 1,000." }),
    totalIsCapped: z.boolean(),
  })
  .meta({ id: "ClientPage" });

export const ActivityDaySchema = z
  .strictObject({
    day: z.string().meta({ format: "date" }),
    tokensIssued: z.int(),
    consentsGranted: z.int(),
    consentsRevoked: z.int(),
  })
  .meta({ id: "ActivityDay" });

export const ClientWithSecret = z
  .strictObject({
    client: Client,
    clientSecret: z.string().nullable().meta({ description: "Shown in this response only; null for public clients." }),
  })
  .meta({ id: "ClientWithSecret" });

export const clientSchemasMatch: [
  SameType<z.output<typeof Client>, ClientDto>,
  SameType<z.output<typeof ClientPage>, ClientPageDto>,
  SameType<z.output<typeof ActivityDaySchema>, ActivityDay>,
] = [true, true, true];
