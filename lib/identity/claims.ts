// Reading a person out of a validated ID token, with the provider's claim mapping, and deciding
// what the provider may vouch for. Pure functions: lib/services/identity/ acts on the results.
export interface ClaimMapping {
  emailClaim: string;
  nameClaim: string;
  groupsClaim: string | null;
}

export interface UpstreamPerson {
  subject: string;
  email: string | null;
  /** True only when the IdP said so (a boolean true, or the string "true" some IdPs send). */
  emailVerified: boolean;
  name: string | null;
  groups: string[];
}

function stringClaim(claims: Record<string, unknown>, name: string): string | null {
  const v = claims[name];
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

export function readPerson(claims: Record<string, unknown>, mapping: ClaimMapping): UpstreamPerson {
  const email = stringClaim(claims, mapping.emailClaim)?.toLowerCase() ?? null;
  const verified = claims.email_verified;
  const rawGroups = mapping.groupsClaim ? claims[mapping.groupsClaim] : undefined;
  const groups = Array.isArray(rawGroups)
    ? rawGroups.filter((g): g is string => typeof g === "string")
    : typeof rawGroups === "string"
      ? [rawGroups]
      : [];
  return {
    subject: String(claims.sub),
    email,
    emailVerified: verified === true || verified === "true",
    name: stringClaim(claims, mapping.nameClaim),
    groups,
  };
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/** An empty list means the provider may vouch for any domain. */
export function domainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  return allowedDomains.length === 0 || allowedDomains.includes(emailDomain(email));
}

export interface RoleMapping<R extends string = string> {
  group: string;
  role: R;
}

/**
 * The strongest role any of the person's groups maps to, or null when none does. `order` lists the
 * roles strongest first (lib/auth/permissions' ROLES).
 */
export function roleFromGroups<R extends string>(
  groups: readonly string[],
  mappings: readonly RoleMapping<R>[],
  order: readonly R[],
): R | null {
  const granted = new Set(mappings.filter((m) => groups.includes(m.group)).map((m) => m.role));
  return order.find((r) => granted.has(r)) ?? null;
}
