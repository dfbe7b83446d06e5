// Dynamic Client Registration (RFC 7591) for an MCP server whose DCR is on. The new client is
// DYNAMIC ("Unverified — registered itself" on the consent screen) and appears in the Clients list.
// The server's DCR policy applies, in this order (each refusal an RFC error a developer can act on):
//   1. per-IP rate limit → 429 + Retry-After;
//   2. mode TOKEN: an initial access token (RFC 7591 §3) → else 401 + Bearer invalid_token;
//   3. the metadata rules (lib/oauth/registration.ts, checklist §3) → 400;
//   4. the redirect URI allowlist → 400 invalid_redirect_uri;
//   5. an identical public registration returns the existing client (201, same client_id);
//   6. the cap on DCR clients → 400 invalid_client_metadata;
//   7. admin approval: the client is stored PENDING.
import { generateClientId, generateClientSecret, hashSecret, lastFour } from "@/lib/oauth/client-credentials-secret";
import { describeDcrRedirectPolicy, firstDisallowedRedirectUri } from "@/lib/oauth/dcr-policy";
import { bodyReadError, jsonNoStore, OAuthError, oauthErrorResponse } from "@/lib/oauth/errors";
import { PROTOCOL_BODY_LIMIT, readJsonCapped } from "@/lib/http/read-body-capped";
import { invalidInitialAccessToken, readInitialAccessToken } from "@/lib/oauth/initial-access-token";
import { validateRegistration, type EffectiveRegistration } from "@/lib/oauth/registration";
import { formatScope } from "@/lib/oauth/scope";
import { database } from "@/lib/db/client";
import { type Prisma } from "@/lib/db/generated/prisma/client";
import { cimdTransport } from "../cimd/transport";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics/metrics";
import { requestMeta } from "@/lib/request-meta";
import { auditRow, auditWebhookEvent, type AuditEntry } from "../audit/record-audit";
import {
  findIdenticalPublicCandidates,
  insertDynamicClient,
  runInTransaction,
  runLocked,
  runPrepared,
  type RunStatement,
} from "../dcr/store-registration";
import { dbOf, systemContext, type ServiceContext } from "../context";
import { lockForName, lockKey } from "../locks";
import { hitRateLimit } from "../rate-limit";
import { withTx } from "../transaction";
import { loadOAuthServer, type OAuthServer } from "./oauth-server";

const HOUR = 3_600;

export async function registrationEndpoint(request: Request, slug: string): Promise<Response> {
  const started = performance.now();
  const ctx = systemContext("dcr", requestMeta(request.headers));
  const server = await loadOAuthServer(ctx, slug);
  if (!server || !server.dcrEnabled)
    return jsonNoStore(
      { error: "not_found", error_description: "Dynamic client registration is not enabled here." },
      404,
    );
  let response: Response;
  try {
    response = await register(ctx, server, request);
  } catch (err) {
    if (err instanceof OAuthError) response = oauthErrorResponse(err);
    else {
      logger.error("oauth.register.unexpected", { requestId: ctx.requestId, err });
      response = jsonNoStore({ error: "server_error" }, 500);
    }
  }
  metrics.dcrRegistrations.inc({ outcome: registrationOutcome(response.status) });
  logger.info("oauth.request", {
    endpoint: "register",
    server: slug,
    status: response.status,
    ms: Math.round(performance.now() - started),
    ip: ctx.ip,
    requestId: ctx.requestId,
  });
  return response;
}

/** The metric's outcome label: registered, unauthorized (initial access token), rate_limited, rejected, error. */
function registrationOutcome(status: number): string {
  if (status < 300) return "registered";
  if (status === 401) return "unauthorized";
  if (status === 429) return "rate_limited";
  return status < 500 ? "rejected" : "error";
}

async function register(ctx: ServiceContext, server: OAuthServer, request: Request): Promise<Response> {
  const policy = server.dcr;
  if (policy.rateLimitPerHour > 0) {
    const hit = await hitRateLimit(dbOf(ctx), `dcr:${server.id}:${ctx.ip ?? "unknown"}`, policy.rateLimitPerHour, HOUR);
    if (hit.limited) {
      throw new OAuthError(
        "temporarily_unavailable",
        `Too many registrations from your address: this MCP server accepts ${policy.rateLimitPerHour} an hour per address. Try again in ${hit.retryAfterSeconds} seconds.`,
        429,
        { "Retry-After": String(hit.retryAfterSeconds) },
      );
    }
  }

  const token =
    policy.mode === "TOKEN"
      ? await checkInitialAccessToken(ctx, server, request.headers.get("authorization"))
      : undefined;

  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json")
    throw new OAuthError("invalid_client_metadata", "Send the client metadata as application/json.");
  const body = await readJsonCapped(request, PROTOCOL_BODY_LIMIT).catch((err: unknown) => {
    throw bodyReadError(err, "invalid_client_metadata");
  });
  const transport = cimdTransport();
  const reg = validateRegistration(
    body,
    server.scopes.map((s) => s.name),
    { allowHttpJwksUri: transport.allowHttp && transport.allowLoopback },
  );

  const allowlist = { presets: policy.redirectPresets, custom: policy.redirectCustom };
  const refused = firstDisallowedRedirectUri(allowlist, reg.redirectUris);
  if (refused !== undefined) {
    throw new OAuthError(
      "invalid_redirect_uri",
      `The redirect URI ${refused} is not allowed by this MCP server's registration policy, which accepts only the redirect URIs of ${describeDcrRedirectPolicy(allowlist)}. Ask the server's administrator to allow it.`,
    );
  }

  const isConfidential = reg.tokenEndpointAuthMethod !== "none";
  const metadata = registeredMetadata(reg);
  // Identical public registrations collapse onto one client (never confidential ones: each
  // registrant must get a secret of its own, and we cannot show an existing one again).
  const identity = isConfidential ? undefined : identityOf(reg);
  const identityLock = identity && `dcr-same:${server.id}:${JSON.stringify(identity)}`;
  // With a cap or an initial access token, the registration is a Prisma transaction of several
  // statements (tx); otherwise it is one statement, run by `run`.
  const store = async (tx: Prisma.TransactionClient | null, run: RunStatement) => {
    if (tx) {
      // The cap is a check-then-insert: registrations on a capped server take turns.
      if (policy.maxClients !== null) await lockForName(tx, `dcr-cap:${server.id}`);
      if (identityLock) await lockForName(tx, identityLock);
    }
    const checksFirst = tx !== null;
    if (tx && identity) {
      // An identical registration neither counts against the cap nor uses the initial access token.
      const existing = await findIdenticalPublicClient(tx, server.id, reg);
      if (existing) return { kind: "existing" as const, row: existing };
    }
    if (tx && policy.maxClients !== null) {
      const count = await tx.oAuthClient.count({ where: { serverId: server.id, registration: "DYNAMIC" } });
      if (count >= policy.maxClients) {
        throw new OAuthError(
          "invalid_client_metadata",
          `This MCP server has reached its limit of ${policy.maxClients} dynamically registered clients, so it cannot register another one. Ask its administrator to remove unused clients or raise the limit; pre-registered clients are not affected.`,
        );
      }
    }
    if (tx && token) {
      // Consumed in the registration's own transaction: a failed registration uses nothing up,
      // and two registrations racing for the last use cannot both get it.
      const consumed = await tx.$executeRaw`
        UPDATE "InitialAccessToken" SET "uses" = "uses" + 1
         WHERE "id" = ${token.id} AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > ${new Date()})
           AND ("maxUses" IS NULL OR "uses" < "maxUses")`;
      if (consumed !== 1)
        throw invalidInitialAccessToken(
          "The initial access token has been used up, has expired or was revoked. Ask the server's administrator for a new one.",
        );
    }
    // private_key_jwt clients authenticate with their keys: they get no secret.
    const clientSecret =
      isConfidential && reg.tokenEndpointAuthMethod !== "private_key_jwt" ? generateClientSecret() : null;
    const clientId = generateClientId();
    const approvalStatus = policy.requireApproval ? ("PENDING" as const) : ("APPROVED" as const);
    const id = newId("client");
    const auditEntry: AuditEntry = {
      action: "client.registered",
      target: { type: "client", id, label: reg.clientName },
      serverId: server.id,
      details: {
        registration: "DYNAMIC",
        clientId,
        metadata,
        approvalStatus,
        ...(token ? { initialAccessToken: { id: token.id, name: token.name } } : {}),
      },
    };
    const stored = await insertDynamicClient(
      run,
      {
        id,
        serverId: server.id,
        clientId,
        name: reg.clientName,
        clientUri: reg.clientUri ?? null,
        logoUri: reg.logoUri ?? null,
        isConfidential,
        dpopBoundAccessTokens: reg.dpopBoundAccessTokens,
        tokenEndpointAuthMethod: reg.tokenEndpointAuthMethod,
        jwks: reg.jwks ?? null,
        jwksUri: reg.jwksUri ?? null,
        grantTypes: reg.grantTypes,
        redirectUris: reg.redirectUris,
        // A registration's `scope` is the client's own statement of what it expects to use (RFC 7591
        // §2), often just what the 401 challenge named. It does not cap later requests: MCP step-up asks
        // for more scopes than the client registered with, and each is still shown on the consent
        // screen. Like metadata-document clients, a DCR client may ask for any of the server's scopes
        // until an administrator restricts it; the registered scope stays in `metadata`.
        allowedScopes: [],
        metadata,
        softwareId: reg.softwareId ?? null,
        approvalStatus,
        secretHash: clientSecret ? hashSecret(clientSecret) : null,
        secretLast4: clientSecret ? lastFour(clientSecret) : null,
        createdByLabel: `Dynamic registration from ${ctx.ip ?? "unknown address"}${token ? ` with initial access token “${token.name}”` : ""}`,
      },
      auditRow(ctx, auditEntry),
      auditWebhookEvent(ctx, auditEntry),
      identity && !checksFirst
        ? { ...identity, scope: identity.scopes.length > 0 ? formatScope(identity.scopes) : undefined }
        : undefined,
    );
    if (stored.kind === "existing") return { kind: "existing" as const, row: stored };
    return { kind: "created" as const, row: { ...stored, metadata }, clientSecret };
  };
  // With no cap and no initial access token, a registration is one prepared statement with no
  // transaction on PGlite (one session: statements run one at a time, so identical registrations
  // cannot race) and for confidential clients on PostgreSQL; a public one on PostgreSQL runs it
  // after the identity lock. Four or five Prisma round trips were the bulk of a registration's cost.
  const plain = policy.maxClients === null && !token && !ctx.db;
  const outcome = !plain
    ? await withTx(ctx, (tx) => store(tx, runInTransaction(tx)))
    : database().kind === "pglite" || !identityLock
      ? await store(null, runPrepared)
      : await store(null, runLocked(lockKey(identityLock)));

  const { row } = outcome;
  return jsonNoStore(
    {
      client_id: row.clientId,
      client_id_issued_at: Math.floor(row.createdAt.getTime() / 1000),
      ...(outcome.kind === "created" && outcome.clientSecret
        ? { client_secret: outcome.clientSecret, client_secret_expires_at: 0 }
        : {}),
      ...(row.metadata as Record<string, unknown>),
    },
    201,
  );
}

/** Everything the server stores and echoes (RFC 7591 §3.2.1: the effective values, defaults included). */
function registeredMetadata(reg: EffectiveRegistration): Record<string, unknown> {
  return {
    redirect_uris: reg.redirectUris,
    token_endpoint_auth_method: reg.tokenEndpointAuthMethod,
    grant_types: reg.grantTypes,
    response_types: reg.responseTypes,
    client_name: reg.clientName,
    ...(reg.clientUri ? { client_uri: reg.clientUri } : {}),
    ...(reg.logoUri ? { logo_uri: reg.logoUri } : {}),
    ...(reg.scopes.length > 0 ? { scope: formatScope(reg.scopes) } : {}),
    ...(reg.softwareId ? { software_id: reg.softwareId } : {}),
    ...(reg.softwareVersion ? { software_version: reg.softwareVersion } : {}),
    ...(reg.contacts.length > 0 ? { contacts: reg.contacts } : {}),
    ...(reg.dpopBoundAccessTokens ? { dpop_bound_access_tokens: true } : {}),
    application_type: reg.applicationType,
    ...(reg.jwks ? { jwks: reg.jwks } : {}),
    ...(reg.jwksUri ? { jwks_uri: reg.jwksUri } : {}),
  };
}

/** What makes two public registrations "the same client" (docs/dcr.md). */
function identityOf(reg: EffectiveRegistration) {
  return {
    name: reg.clientName,
    softwareId: reg.softwareId ?? null,
    redirectUris: reg.redirectUris,
    grantTypes: reg.grantTypes,
    scopes: reg.scopes,
  };
}

async function findIdenticalPublicClient(tx: Prisma.TransactionClient, serverId: string, reg: EffectiveRegistration) {
  const id = identityOf(reg);
  const candidates = await findIdenticalPublicCandidates(tx, serverId, id);
  // The registered scope lives in the stored metadata (it no longer caps allowedScopes).
  const scope = id.scopes.length > 0 ? formatScope(id.scopes) : undefined;
  return candidates.find((c) => (c.metadata as { scope?: unknown } | null)?.scope === scope) ?? null;
}

/**
 * Mode TOKEN: the request's initial access token, checked without using it up (that happens in the
 * registration's transaction). Each failure says what is wrong, so the developer knows what to ask for.
 */
async function checkInitialAccessToken(
  ctx: ServiceContext,
  server: OAuthServer,
  authorization: string | null,
): Promise<{ id: string; name: string }> {
  const presented = readInitialAccessToken(authorization);
  const row = await dbOf(ctx).initialAccessToken.findUnique({
    where: { hash: hashSecret(presented) },
    select: { id: true, serverId: true, name: true, revokedAt: true, expiresAt: true, maxUses: true, uses: true },
  });
  if (!row || row.serverId !== server.id)
    throw invalidInitialAccessToken("The initial access token is not valid for this MCP server.");
  if (row.revokedAt)
    throw invalidInitialAccessToken(
      "The initial access token was revoked. Ask the server's administrator for a new one.",
    );
  if (row.expiresAt && row.expiresAt <= new Date())
    throw invalidInitialAccessToken(
      "The initial access token has expired. Ask the server's administrator for a new one.",
    );
  if (row.maxUses !== null && row.uses >= row.maxUses)
    throw invalidInitialAccessToken(
      "The initial access token has been used up. Ask the server's administrator for a new one.",
    );
  return { id: row.id, name: row.name };
}
