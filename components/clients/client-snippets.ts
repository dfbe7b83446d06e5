// Ready-to-run examples for a new client. Pure functions of public values: the client secret is
// never part of them (the curl command reads it from $CLIENT_SECRET), so nothing here can leak it.

/** Single-quotes a shell word unless it is made only of characters the shell leaves alone. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./~-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

export function tokenEndpointOf(issuer: string): string {
  return `${issuer}/token`;
}

/** A client-credentials token request (RFC 6749 §4.4, with an RFC 8707 resource). */
export function clientCredentialsCurl({ issuer, resourceUrl }: { issuer: string; resourceUrl: string }): string {
  return `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials -d resource=${shellWord(resourceUrl)} ${shellWord(tokenEndpointOf(issuer))}`;
}

/**
 * The authorization request a user's browser is sent to (OAuth 2.1 §4.1.1, PKCE S256 required).
 * CODE_CHALLENGE and STATE are placeholders the app fills per request.
 */
export function authorizationUrlTemplate({
  issuer,
  clientId,
  redirectUri,
  resourceUrl,
  scopes,
}: {
  issuer: string;
  clientId: string;
  redirectUri: string;
  resourceUrl: string;
  scopes: readonly string[];
}): string {
  const e = encodeURIComponent;
  const params = [
    "response_type=code",
    `client_id=${e(clientId)}`,
    `redirect_uri=${e(redirectUri)}`,
    "code_challenge=CODE_CHALLENGE",
    "code_challenge_method=S256",
    "state=STATE",
    `resource=${e(resourceUrl)}`,
    ...(scopes.length > 0 ? [`scope=${e(scopes.join(" "))}`] : []),
  ];
  return `${issuer}/authorize?${params.join("&")}`;
}

/** The server's RFC 8414 metadata (path insertion: the well-known prefix, then the issuer's path). */
export function authorizationServerMetadataUrl(issuer: string, slug: string): string {
  return `${new URL(issuer).origin}/.well-known/oauth-authorization-server/oauth/${slug}`;
}
