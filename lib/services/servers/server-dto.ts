import type { Prisma } from "@/lib/db/generated/prisma/client";
import { env } from "@/lib/env";

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
  dcrEnabled: boolean;
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
    dcrEnabled: boolean;
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
    dcrEnabled: s.dcrEnabled,
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
