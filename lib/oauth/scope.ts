// Scopes (RFC 6749 §3.3): a space-delimited, order-insensitive set.
export function parseScope(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(" ").filter((s) => s !== ""))];
}

export function formatScope(scopes: readonly string[]): string {
  return scopes.join(" ");
}

export function isSubset(requested: readonly string[], allowed: readonly string[]): boolean {
  return requested.every((s) => allowed.includes(s));
}

/**
 * The scopes a client may hold on a server: its allowed list, or every scope of the server when the
 * list is empty (self-registered clients, and pre-registered ones with no restriction).
 */
export function clientScopeCeiling(clientAllowed: readonly string[], serverScopes: readonly string[]): string[] {
  return clientAllowed.length === 0 ? [...serverScopes] : clientAllowed.filter((s) => serverScopes.includes(s));
}
