import type { Prisma } from "@/lib/db/generated/prisma/client";
import { env } from "@/lib/env";
import type { CimdTrustMode } from "@/lib/schemas/cimd-policy";
import type { DcrMode } from "@/lib/schemas/dcr-policy";

export interface ScopeDto {
  name: string;
  description: string;
}

export interface ServerDto {
  id: string;
  slug: string;
  name: string;
  description: string;
  resourceUrl: string;
  /** The per-server OAuth issuer: `${GATEHOUSE_URL}/oauth/{slug}`. */
  issuer: string;
  scopes: ScopeDto[];
  accessTokenTtl: number;
  refreshTokenTtl: number;
  refreshGraceSeconds: number;
  /** Seconds resource servers may cache this server's Token Status Lists. */
  statusListTtl: number;
  dcrEnabled: boolean;
  /** DCR policy: mode, redirect allowlist, rate limit, cap, approval, pruning (lib/schemas/dcr-policy.ts). */
  dcrMode: DcrMode;
  dcrRedirectPresets: string[];
  dcrRedirectCustom: string[];
  dcrRateLimitPerHour: number;
  dcrMaxClients: number | null;
  dcrRequireApproval: boolean;
  dcrPruneUnusedDays: number;
  dcrPruneIdleDays: number;
  /** Client ID Metadata Documents: on/off, host trust mode and its exact hosts. */
  cimdEnabled: boolean;
  cimdTrust: CimdTrustMode;
  cimdHosts: string[];
  clientsCount: number;
  createdAt: string;
  updatedAt: string;
}

export const serverDtoInclude = {
  scopes: { select: { name: true, description: true }, orderBy: [{ position: "asc" }, { name: "asc" }] },
} satisfies Prisma.McpServerInclude;

export function issuerFor(slug: string): string {
  return `${env().GATEHOUSE_URL}/oauth/${slug}`;
}

export function toServerDto(
  s: {
    id: string;
    slug: string;
    name: string;
    description: string;
    resourceUrl: string;
    accessTokenTtl: number;
    refreshTokenTtl: number;
    refreshGraceSeconds: number;
    statusListTtl: number;
    dcrEnabled: boolean;
    dcrMode: DcrMode;
    dcrRedirectPresets: string[];
    dcrRedirectCustom: string[];
    dcrRateLimitPerHour: number;
    dcrMaxClients: number | null;
    dcrRequireApproval: boolean;
    dcrPruneUnusedDays: number;
    dcrPruneIdleDays: number;
    cimdEnabled: boolean;
    cimdTrust: CimdTrustMode;
    cimdHosts: string[];
    createdAt: Date;
    updatedAt: Date;
    scopes: ScopeDto[];
  },
  clientsCount = 0,
): ServerDto {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    description: s.description,
    resourceUrl: s.resourceUrl,
    issuer: issuerFor(s.slug),
    scopes: s.scopes,
    accessTokenTtl: s.accessTokenTtl,
    refreshTokenTtl: s.refreshTokenTtl,
    refreshGraceSeconds: s.refreshGraceSeconds,
    statusListTtl: s.statusListTtl,
    dcrEnabled: s.dcrEnabled,
    dcrMode: s.dcrMode,
    dcrRedirectPresets: s.dcrRedirectPresets,
    dcrRedirectCustom: s.dcrRedirectCustom,
    dcrRateLimitPerHour: s.dcrRateLimitPerHour,
    dcrMaxClients: s.dcrMaxClients,
    dcrRequireApproval: s.dcrRequireApproval,
    dcrPruneUnusedDays: s.dcrPruneUnusedDays,
    dcrPruneIdleDays: s.dcrPruneIdleDays,
    cimdEnabled: s.cimdEnabled,
    cimdTrust: s.cimdTrust,
    cimdHosts: s.cimdHosts,
    clientsCount,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a server: its settings, no ids of other rows. */
export function serverSnapshot(s: ServerDto) {
  const { id: _id, issuer: _issuer, clientsCount: _c, createdAt: _ca, updatedAt: _ua, ...rest } = s;
  return rest;
}
