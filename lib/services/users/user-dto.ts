import type { Role } from "@/lib/auth/permissions";

/** A user as the dashboard and API see it: never the password hash. */
export interface UserDto {
  id: string;
  email: string;
  name: string | null;
  role: Role | null;
  disabledAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  /** Where the person comes from: the identity providers linked to them (empty: a local account). */
  identityProviders: string[];
  /** Whether the person has a Gatehouse password (false: they sign in only through an identity provider). */
  hasPassword: boolean;
  /** The identity provider whose SCIM client manages this user: its changes may overwrite manual ones. */
  scimProvider: string | null;
}

export const userDtoSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  lastSignInAt: true,
  createdAt: true,
  // Read only to say whether there is one; the hash never leaves toUserDto.
  passwordHash: true,
  scimProvider: { select: { label: true } },
  identities: { select: { provider: { select: { label: true } } }, orderBy: { createdAt: "asc" } },
} as const;

export function toUserDto(u: {
  id: string;
  email: string;
  name: string | null;
  role: Role | null;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
  passwordHash: string | null;
  scimProvider: { label: string } | null;
  identities: { provider: { label: string } }[];
}): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabledAt: u.disabledAt?.toISOString() ?? null,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    identityProviders: [...new Set(u.identities.map((i) => i.provider.label))],
    hasPassword: u.passwordHash !== null,
    scimProvider: u.scimProvider?.label ?? null,
  };
}
