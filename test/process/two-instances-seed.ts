// Seeds the shared PostgreSQL database of two-instances.test.ts once both servers have migrated it:
// an admin API key, a person who starts an authorization of a public client (through the real
// authorize and decide services) whose code is left unredeemed, and a confidential client for
// introspection. GATEHOUSE_URL is the instances' shared public URL (the issuer). Prints one JSON line.
import { randomBytes } from "node:crypto";
import { database } from "@/lib/db/client";
import { s256 } from "@/lib/oauth/pkce";
import { createApiKey, createClient, createUser, systemContext } from "@/lib/services";
import { decideAuthorization, startAuthorization } from "@/lib/services/oauth/authorization";
import { loadOAuthServer } from "@/lib/services/oauth/oauth-server";

const ctx = systemContext("two-instances-seed");
const CB = "http://127.0.0.1/cb";
const { token: apiKey } = await createApiKey({ ctx, input: { name: "two-instances", role: "ADMIN" } });
const person = await createUser({
  ctx,
  input: { email: "person@example.com", password: "correct horse battery staple", name: "Person", role: null },
});
const { client } = await createClient({
  ctx,
  serverSlug: "demo",
  input: { name: "Agent", redirectUris: [CB], allowedScopes: ["mcp:tools"], isPublic: true },
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
console.log(
  "SEED " +
    JSON.stringify({
      apiKey,
      code,
      verifier,
      redirectUri: CB,
      resource: server.resource,
      clientId: client.clientId,
      introspector: { clientId: introspector.client.clientId, clientSecret: introspector.clientSecret },
    }),
);
await database().close();
