import { z } from "zod";
import type { ServerDto } from "@/lib/services/servers/server-dto";
import type { ServerFootprint } from "@/lib/services/servers/server-footprint";
import { CIMD_TRUST_MODES } from "@/lib/schemas/cimd-policy";
import { DCR_MODES } from "@/lib/schemas/dcr-policy";
import { IsoDateTime } from "./common";
import type { SameType } from "./same-type";

export const Scope = z.strictObject({ name: z.string(), description: z.string() }).meta({ id: "Scope" });

export const Server = z
  .strictObject({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    resourceUrl: z.string().meta({ description: "The RFC 8707 resource identifier; the `aud` of its tokens." }),
    issuer: z.string().meta({ description: "`{GATEHOUSE_URL}/oauth/{slug}`" }),
    scopes: z.array(Scope),
    accessTokenTtl: z.int(),
    refreshTokenTtl: z.int(),
    refreshGraceSeconds: z.int(),
    statusListTtl: z.int().meta({
      description:
        "Seconds resource servers may cache this server's Token Status Lists (draft-ietf-oauth-status-list ttl): MCP servers that verify tokens themselves see a revocation within this time plus one second.",
    }),
    dcrEnabled: z.boolean(),
    dcrMode: z.enum(DCR_MODES),
    dcrRedirectPresets: z.array(z.string()),
    dcrRedirectCustom: z.array(z.string()),
    dcrRateLimitPerHour: z.int(),
    dcrMaxClients: z.int().nullable(),
    dcrRequireApproval: z.boolean(),
    dcrPruneUnusedDays: z.int(),
    dcrPruneIdleDays: z.int(),
    cimdEnabled: z.boolean(),
    cimdTrust: z.enum(CIMD_TRUST_MODES),
    cimdHosts: z.array(z.string()),
    clientsCount: z.int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: "Server" });

export const ServerFootprintSchema = z
  .strictObject({
    clients: z.int(),
    consents: z.int(),
    authorizations: z.int(),
    initialAccessTokens: z.int(),
    scopes: z.int(),
  })
  .meta({ id: "ServerFootprint" });

export const serverSchemasMatch: [
  SameType<z.output<typeof Server>, ServerDto>,
  SameType<z.output<typeof ServerFootprintSchema>, ServerFootprint>,
] = [true, true];
