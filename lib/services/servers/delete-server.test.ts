import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { s256 } from "@/lib/oauth/pkce";
import { createTestDb } from "@/test/db";
import { auditCount, insertUser, makeCtx, serverInput, unique } from "@/test/factories";
import {
  createClient,
  createServer,
  deleteServer,
  ForbiddenError,
  getServerFootprint,
  NotFoundError,
  ValidationError,
} from "@/lib/services";
import { decideAuthorization, startAuthorization } from "@/lib/services/oauth/authorization";
import { exchangeAuthorizationCode } from "@/lib/services/oauth/grants/authorization-code";
import { findOAuthClient } from "@/lib/services/oauth/oauth-client";
import { loadOAuthServer } from "@/lib/services/oauth/oauth-server";
import { introspectToken } from "@/lib/services/oauth/revoke-and-introspect";

const database = await createTestDb();
const CB = "http://127.0.0.1/cb";

/** A server with one client, one user's consent and live tokens, through the real OAuth services. */
async function serverWithTokens() {
  const ctx = await makeCtx(database, "ADMIN");
  const created = await createServer({ ctx, input: serverInput({ scopes: [{ name: "mcp:tools" }] }) });
  const server = (await loadOAuthServer(ctx, created.slug))!;
  const { client } = await createClient({
    ctx,
    serverSlug: created.slug,
    input: { name: unique("Agent"), redirectUris: [CB], isPublic: true },
  });
  const record = (await findOAuthClient(ctx, server.id, client.clientId))!;
  const u = await insertUser(database, null);
  const user = { id: u.id, email: u.email, name: null, role: null };
  const verifier = randomBytes(32).toString("base64url");
  const url = new URL(`${server.issuer}/authorize`);
  const params = { response_type: "code", client_id: client.clientId, redirect_uri: CB, prompt: "consent" };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set("code_challenge", s256(verifier));
  url.searchParams.set("code_challenge_method", "S256");
  const started = await startAuthorization(new Request(url), created.slug, user);
  if (started.kind !== "consent") throw new Error(`expected consent, got ${started.kind}`);
  const code = new URL(await decideAuthorization(created.slug, started.requestId, user, true)).searchParams.get(
    "code",
  )!;
  const tokens = await exchangeAuthorizationCode(ctx, server, record, {
    code,
    codeVerifier: verifier,
    redirectUri: CB,
    resources: [],
  });
  return { ctx, created, server, tokens };
}

describe("deleteServer", () => {
  it("takes down clients, consents and tokens, says what it took, and writes server.deleted with the counts", async () => {
    const { ctx, created, server, tokens } = await serverWithTokens();
    expect((await introspectToken(ctx, server, tokens.access_token)).active).toBe(true);
    const footprint = await getServerFootprint({ ctx: await makeCtx(database, "VIEWER"), slug: created.slug });
    const took = await deleteServer(ctx, { slug: created.slug, confirmName: created.name });
    expect(took).toEqual({ clients: 1, consents: 1, authorizations: 1, initialAccessTokens: 0, scopes: 1 });
    // The Danger zone warned of exactly what went.
    expect(footprint).toEqual(took);
    expect(await database.prisma.mcpServer.count({ where: { id: created.id } })).toBe(0);
    expect(await database.prisma.oAuthClient.count({ where: { serverId: created.id } })).toBe(0);
    expect(await database.prisma.consent.count({ where: { serverId: created.id } })).toBe(0);
    expect((await introspectToken(ctx, server, tokens.access_token)).active).toBe(false);
    expect((await introspectToken(ctx, server, tokens.refresh_token!)).active).toBe(false);
    expect(await auditCount(database, "server.deleted", created.id)).toBe(1);
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "server.deleted", targetId: created.id },
    });
    expect(event.details).toMatchObject({ slug: created.slug, clients: 1, consents: 1 });
  });

  it("refuses a wrong confirming name with a field error and deletes nothing", async () => {
    const ctx = await makeCtx(database, "OWNER");
    const created = await createServer({ ctx, input: serverInput() });
    const wrong = deleteServer(ctx, { slug: created.slug, confirmName: created.name.toUpperCase() + "x" });
    await expect(wrong).rejects.toBeInstanceOf(ValidationError);
    await expect(wrong).rejects.toMatchObject({
      fieldErrors: { confirmName: [expect.stringContaining(created.name)] },
    });
    await expect(deleteServer(ctx, { slug: created.slug })).rejects.toThrow();
    expect(await database.prisma.mcpServer.count({ where: { id: created.id } })).toBe(1);
    expect(await auditCount(database, "server.deleted", created.id)).toBe(0);
  });

  it("is a NotFoundError for an unknown slug, and refused for roles other than OWNER and ADMIN", async () => {
    const admin = await makeCtx(database, "ADMIN");
    await expect(deleteServer(admin, { slug: "no-such-server", confirmName: "x" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const created = await createServer({ ctx: admin, input: serverInput() });
    for (const role of ["SECURITY", "DEVELOPER", "VIEWER"] as const) {
      const ctx = await makeCtx(database, role);
      await expect(deleteServer(ctx, { slug: created.slug, confirmName: created.name })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await database.prisma.mcpServer.count({ where: { id: created.id } })).toBe(1);
  });
});
