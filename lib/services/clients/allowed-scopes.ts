import { ValidationError } from "../errors";

/** A client's allowed scopes must be a subset of its server's; unknown ones get a field error. */
export function assertScopesOfServer(requested: readonly string[], serverScopes: readonly string[]): string[] {
  const unknown = requested.filter((s) => !serverScopes.includes(s));
  if (unknown.length > 0) {
    const message = `Not a scope of this MCP server: ${unknown.join(", ")}.`;
    throw new ValidationError(message, { allowedScopes: [message] });
  }
  return [...new Set(requested)];
}
