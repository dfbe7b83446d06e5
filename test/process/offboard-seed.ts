// Seeds a store for offboard.test.ts (run with tsx before the server starts: PGlite holds its folder
// for one process): the demo server, a Security API key, a person who authorized a client through
// the real authorize → consent → code → token services, and a confidential client for
// introspection. GATEHOUSE_URL must already be the URL the server will listen on (the tokens'
// issuer). Prints one JSON line.
import { randomBytes } from "node:crypto";
import { applyMigrations, database } from "@/lib/db/client";
import { s256 } from "@/lib/oauth/pkce";
import { createApiKey, createClient, createUser, ensureDemoServer, systemContext } from "@/lib/services";
import { decideAuthorization, startAuthorization } from "@/lib/services/oauth/authorization";
import { exchangeAuthorizationCode } from "@/lib/services/oauth/grants/authorization-code";
import { findOAuthClient } from "@/lib/services/oauth/oauth-client";
import { loadOAuthServer } from "@/lib/services/oauth/oauth-server";

const ctx = systemContext("offboard-seed");
const CB = "http://127.0.0.1/cb";
await applyMigrations(database());
await ensureDemoServer(ctx);
const { token: apiKey } = await createApiKey({ ctx, input: { name: "offboarding", role: "SECURITY" } });
const person = await createUser({
  ctx,
  input: { email: "leaver@example.com", password: "correct horse battery staple", name: "Leaver", role: null },
});
const { client } = await createClient({
  ctx,
  serverSlug: "demo",
  input: { name: "Leaver's agent", redirectUris: [CB], allowedScopes: ["mcp:tools"], isPublic: true },
});
const introspector = await createClient({ ctx, serverSlug: "demo", input: { name: "Resource server" } });

const server = (await loadOAuthServer(ctx, "demo"))!;
const verifier = randomBytes(32).toString("base64url");
const url = new URL(`${server.issuer}/authorize`);
url.search = new URLSearchParams({
  response_type: "code",
  client_id: client.clientId,
  redirect_uri: CB,
  scope: "mcp:tools",
  code_challenge: s256(verifier),
  code_challenge_method: "S256",
  resource: server.resource,
}).toString();
const user = { id: person.id, email: person.email, name: person.name, role: null };
const started = await startAuthorization(new Request(url), "demo", user);
if (started.kind !== "consent") throw new Error(`expected the consent screen, got ${started.kind}`);
const code = new URL(await decideAuthorization("demo", started.requestId, user, true)).searchParams.get("code")!;
const tokens = await exchangeAuthorizationCode(ctx, server, (await findOAuthClient(ctx, server.id, client.clientId))!, {
  code,
  codeVerifier: verifier,
  redirectUri: CB,
  resources: [server.resource],
});
console.log(
  "SEED " +
    JSON.stringify({
      apiKey,
      email: person.email,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      clientId: client.clientId,
      introspector: { clientId: introspector.client.clientId, clientSecret: introspector.clientSecret },
    }),
);
await database().close();
