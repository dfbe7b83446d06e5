// One MCP server with an end user who consented to a public client through the real authorize and
// decide services: the starting point of every revocation test (consents, deprovisioning, SCIM).
import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { s256 } from "@/lib/oauth/pkce";
import { createClient, createServer, systemContext, type SessionUser } from "@/lib/services";
import { decideAuthorization, startAuthorization } from "@/lib/services/oauth/authorization";
import { exchangeAuthorizationCode } from "@/lib/services/oauth/grants/authorization-code";
import { refreshTokens } from "@/lib/services/oauth/grants/refresh-token";
import { findOAuthClient } from "@/lib/services/oauth/oauth-client";
import { loadOAuthServer } from "@/lib/services/oauth/oauth-server";
import { insertUser, unique } from "./factories";

const CB = "http://127.0.0.1/cb";

export async function consentFlow(database: Database, prefix = "cs") {
  const sys = systemContext("test", { db: database.prisma });
  const slug = unique(prefix);
  await createServer({
    ctx: sys,
    input: {
      name: "Consents",
      slug,
      resourceUrl: `https://${slug}.example.com/mcp`,
      scopes: [{ name: "mcp:tools", description: "Use tools" }],
    },
  });
  const server = (await loadOAuthServer(sys, slug))!;

  async function newUser(): Promise<SessionUser> {
    const u = await insertUser(database, null);
    return { id: u.id, email: u.email, name: null, role: null };
  }

  async function newClient() {
    const { client } = await createClient({
      ctx: sys,
      serverSlug: slug,
      input: { name: unique("Agent"), redirectUris: [CB], isPublic: true },
    });
    return { dto: client, record: (await findOAuthClient(sys, server.id, client.clientId))! };
  }
  type Client = Awaited<ReturnType<typeof newClient>>;

  /** Consent through the real authorize + decide services, then redeem the code. */
  async function consentAndTokens(user: SessionUser, client: Client) {
    const verifier = randomBytes(32).toString("base64url");
    const url = new URL(`${server.issuer}/authorize`);
    for (const [k, v] of Object.entries({
      response_type: "code",
      client_id: client.dto.clientId,
      redirect_uri: CB,
      code_challenge: s256(verifier),
      code_challenge_method: "S256",
      prompt: "consent",
    }))
      url.searchParams.set(k, v);
    const started = await startAuthorization(new Request(url), slug, user);
    if (started.kind !== "consent") throw new Error(`expected consent, got ${started.kind}`);
    const code = new URL(await decideAuthorization(slug, started.requestId, user, true)).searchParams.get("code")!;
    return exchangeAuthorizationCode(sys, server, client.record, {
      code,
      codeVerifier: verifier,
      redirectUri: CB,
      resources: [],
    });
  }

  function refresh(client: Client, refreshToken: string) {
    return refreshTokens(sys, server, client.record, { refreshToken, scope: undefined, resources: [] });
  }

  return { sys, slug, server, newUser, newClient, consentAndTokens, refresh };
}
