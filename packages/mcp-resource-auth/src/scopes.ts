// Scope checks at a resource server, with hierarchies: a broader scope implies the narrower ones it
// lists (e.g. `mcp:admin` implies `mcp:tools`), transitively. An operation's challenge names every
// scope it needs (MCP 2026-07-28 "Scope Selection" / step-up): the client asks for the union of those
// and what it already holds, so one re-authorization is enough.

/** `broader → narrower scopes it implies`. Cycles are harmless (each scope is visited once). */
export type ScopeHierarchy = Readonly<Record<string, readonly string[]>>;

/** Splits an RFC 6749 §3.3 scope string (space-delimited, case-sensitive). */
export function parseScope(scope: unknown): string[] {
  return typeof scope === "string" ? scope.split(" ").filter((s) => s !== "") : [];
}

/** The granted scopes and every scope they imply through the hierarchy. */
export function impliedScopes(granted: Iterable<string>, hierarchy: ScopeHierarchy = {}): Set<string> {
  const result = new Set<string>();
  const pending = [...granted];
  while (pending.length > 0) {
    const scope = pending.pop()!;
    if (result.has(scope)) continue;
    result.add(scope);
    if (Object.hasOwn(hierarchy, scope)) pending.push(...hierarchy[scope]!);
  }
  return result;
}

/** The required scopes that the granted ones do not cover (in the order they were required). */
export function missingScopes(
  granted: Iterable<string>,
  required: readonly string[],
  hierarchy: ScopeHierarchy = {},
): string[] {
  const held = impliedScopes(granted, hierarchy);
  return [...new Set(required.filter((s) => !held.has(s)))];
}
