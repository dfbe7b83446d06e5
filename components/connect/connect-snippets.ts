// What an MCP server needs to trust this Gatehouse issuer, as copy-ready text. Pure functions of
// public values: secrets appear only as $CLIENT_ID/$CLIENT_SECRET/$ACCESS_TOKEN shell variables.
import { bearerChallenge } from "@gatehouse/mcp-resource-auth/bearer";
import {
  protectedResourceMetadata,
  protectedResourceMetadataUrl,
  resourceScopes,
} from "@gatehouse/mcp-resource-auth/metadata";

export interface ConnectTarget {
  slug: string;
  name: string;
  issuer: string;
  resourceUrl: string;
  scopes: readonly string[];
}

/** Single-quotes a shell word unless it is made only of characters the shell leaves alone. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./~-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** RFC 8414 §3.1 path insertion of the issuer's path (`/oauth/{slug}`). */
export function authorizationServerMetadataUrl(t: Pick<ConnectTarget, "issuer">): string {
  const issuer = new URL(t.issuer);
  return `${issuer.origin}/.well-known/oauth-authorization-server${issuer.pathname.replace(/\/$/, "")}`;
}

/** Where the MCP server must publish its RFC 9728 metadata (§3.1: inserted before the resource's path). */
export function metadataUrlOf(t: Pick<ConnectTarget, "resourceUrl">): string {
  return protectedResourceMetadataUrl(t.resourceUrl);
}

export function metadataJson(t: ConnectTarget): string {
  return JSON.stringify(
    protectedResourceMetadata({ resource: t.resourceUrl, issuer: t.issuer, scopes: t.scopes, name: t.name }),
    null,
    2,
  );
}

/** RFC 9728 §5.1 + RFC 6750 §3: the header a request without a token must get back with its 401. */
export function unauthorizedChallenge(t: ConnectTarget): string {
  return `WWW-Authenticate: ${bearerChallenge({ scope: resourceScopes(t.scopes), resource_metadata: metadataUrlOf(t) })}`;
}

/** RFC 6750 §3.1: the 403 for a token that lacks a scope the call needs. */
export function insufficientScopeChallenge(t: ConnectTarget): string {
  const scope = resourceScopes(t.scopes).slice(0, 1);
  return `WWW-Authenticate: ${bearerChallenge({ error: "insufficient_scope", scope: scope.length > 0 ? scope : ["<scope>"], resource_metadata: metadataUrlOf(t) })}`;
}

/** RFC 9068 §4 validation with jose: signature from the JWKS, typ, iss, aud, exp. */
export function joseVerifySnippet(t: ConnectTarget): string {
  return `import { createRemoteJWKSet, jwtVerify } from "jose";

// Cached and refreshed by jose when Gatehouse rotates its signing key.
const jwks = createRemoteJWKSet(new URL(${JSON.stringify(`${t.issuer}/jwks`)}));

export async function verifyAccessToken(token: string) {
  const { payload } = await jwtVerify(token, jwks, {
    issuer: ${JSON.stringify(t.issuer)},
    audience: ${JSON.stringify(t.resourceUrl)},
    typ: "at+jwt",
    algorithms: ["ES256"],
  });
  // payload.sub: the user (or "client:<client_id>" for client credentials)
  // payload.scope: space-separated scopes; answer 403 insufficient_scope when one is missing
  return payload;
}`;
}

/** RFC 7662: ask Gatehouse whether a token is active right now. */
export function introspectionCurl(t: ConnectTarget): string {
  return `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d token="$ACCESS_TOKEN" ${shellWord(`${t.issuer}/introspect`)}`;
}

export const INSPECTOR_COMMAND = "npx @modelcontextprotocol/inspector";

/** A client-credentials token for the resource (RFC 6749 §4.4, RFC 8707), then a tool call with it. */
export function demoCurlSnippet(t: ConnectTarget): string {
  const call = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name: "whoami", arguments: {} },
  });
  return `ACCESS_TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials \\
  -d resource=${shellWord(t.resourceUrl)} ${shellWord(`${t.issuer}/token`)} | jq -r .access_token)

curl -s ${shellWord(t.resourceUrl)} -H "Authorization: Bearer $ACCESS_TOKEN" \\
  -H "Content-Type: application/json" -H "Accept: application/json, text/event-stream" \\
  -d ${shellWord(call)}`;
}
