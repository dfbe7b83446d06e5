// Initial access tokens for protected Dynamic Client Registration (RFC 7591 §3, checklist REG-16):
// an admin mints one on the server's settings, hands it to a developer, and the registration
// request carries it as a Bearer token (RFC 6750 §2.1). 256-bit random values, stored only as
// SHA-256 (like client secrets); "ghi_" lets secret scanners recognise a leaked one.
import { bearerChallenge, parseBearerAuthorization } from "@gatehouse/mcp-resource-auth/bearer";
import { OAuthError } from "./errors";
import { randomToken } from "@/lib/ids";

export const INITIAL_ACCESS_TOKEN_PREFIX = "ghi_";

/** "ghi_" + 43 base64url characters (256 bits). */
export function generateInitialAccessToken(): string {
  return `${INITIAL_ACCESS_TOKEN_PREFIX}${randomToken(32)}`;
}

/** What the dashboard shows of a token after it was shown once: "ghi_AbCdEfGh…". */
export function initialAccessTokenPrefix(token: string): string {
  return token.slice(0, INITIAL_ACCESS_TOKEN_PREFIX.length + 8);
}

/** RFC 6750 §3.1: 401 with a Bearer invalid_token challenge; the JSON body says the same. */
export function invalidInitialAccessToken(description: string): OAuthError {
  return new OAuthError("invalid_token", description, 401, {
    "WWW-Authenticate": bearerChallenge({ error: "invalid_token", error_description: description }),
  });
}

/** The token from the registration request's Authorization header, or the 401 to answer with. */
export function readInitialAccessToken(authorization: string | null): string {
  const parsed = parseBearerAuthorization(authorization);
  if (parsed.ok) return parsed.token;
  throw invalidInitialAccessToken(
    parsed.reason === "missing"
      ? 'This MCP server requires an initial access token to register a client: send it as "Authorization: Bearer <token>". Ask the server\'s administrator for one.'
      : 'The Authorization header is malformed: send "Authorization: Bearer <initial access token>".',
  );
}
