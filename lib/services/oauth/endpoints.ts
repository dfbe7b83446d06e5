// Composition: the framework-free protocol handlers in lib/oauth, wired to this server's database.
// The HTTP adapters (lib/http/node-endpoint.ts in production, a Web Request wrapper in tests) call
// these with the request and the server slug; nothing else. Every answer carries the CORS headers
// (META-19: browser-based clients call these endpoints).
import { handleIntrospectionRequest } from "@/lib/oauth/introspection-endpoint";
import { handleRevocationRequest } from "@/lib/oauth/revocation-endpoint";
import { handleTokenRequest } from "@/lib/oauth/token-endpoint";
import { JWT_BEARER_GRANT } from "@/lib/oauth/id-jag";
import { verifyClientAssertion } from "@/lib/oauth/client-assertion";
import type { FailedAuthLimiter } from "@/lib/oauth/endpoint-client";
import { jsonNoStoreResult, OAuthError } from "@/lib/oauth/errors";
import { withCorsResult } from "@/lib/oauth/metadata";
import type { ProtocolRequest, ProtocolResponse } from "@/lib/oauth/protocol-http";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics/metrics";
import { protocolSpan, type ProtocolSpanNote } from "@/lib/telemetry/protocol-span";
import { requestMeta } from "@/lib/request-meta";
import { dbOf, systemContext, type ServiceContext } from "../context";
import { countTokenIssued } from "../activity/client-activity";
import { processCache } from "../process-cache";
import { hitRateLimit, isRateLimited } from "../rate-limit";
import { tokenEndpointDpop } from "./dpop";
import { exchangeAuthorizationCode } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { idJagGrant } from "./grants/id-jag";
import { refreshTokens } from "./grants/refresh-token";
import { touchClient, type OAuthClientRecord } from "./oauth-client";
import { loadOAuthServer, type OAuthServer } from "./oauth-server";
import { consumeJti } from "../replay/used-jwt-ids";
import { clientKeySource } from "./client-keys";
import { resolveOAuthClient } from "./resolve-client";
import { introspectToken, revokeToken } from "./revoke-and-introspect";

/** Failed client authentications: 10 per client and IP in 5 minutes, then 429 until the window ends. */
const FAILED_AUTH = { limit: 10, windowSeconds: 300 };
/**
 * The limiter's answer per client and IP is remembered per process for a second, so the token
 * endpoint's hot path reads no row per request; a failure is always written and clears the memory
 * at once. Another instance's failures are seen within that second.
 */
const blockedSeconds = processCache<number>("__gatehouseFailedAuthLimiter", 1_000);

/** Another instance wrote the bucket `key` (or, without a key, a notification was lost). */
export function forgetFailedAuth(key?: string): void {
  if (key === undefined) blockedSeconds.clear();
  else blockedSeconds.delete(key);
}

function limiter(ctx: ServiceContext): FailedAuthLimiter {
  return {
    blockedFor(key) {
      return blockedSeconds.get(key, async () => {
        const state = await isRateLimited(dbOf(ctx), key, FAILED_AUTH.limit);
        return state.limited ? state.retryAfterSeconds : 0;
      });
    },
    async recordFailure(key) {
      blockedSeconds.delete(key);
      await hitRateLimit(dbOf(ctx), key, FAILED_AUTH.limit, FAILED_AUTH.windowSeconds);
      blockedSeconds.delete(key);
    },
  };
}

function notFound(): ProtocolResponse {
  return jsonNoStoreResult({ error: "invalid_request", error_description: "Unknown MCP server." }, 404);
}

function withServer(
  slug: string,
  request: ProtocolRequest,
  endpoint: string,
  run: (ctx: ServiceContext, server: OAuthServer, note: ProtocolSpanNote) => Promise<ProtocolResponse>,
): Promise<ProtocolResponse> {
  return protocolSpan(endpoint, slug, (note) => answer(slug, request, endpoint, note, run));
}

async function answer(
  slug: string,
  request: ProtocolRequest,
  endpoint: string,
  note: ProtocolSpanNote,
  run: (ctx: ServiceContext, server: OAuthServer, note: ProtocolSpanNote) => Promise<ProtocolResponse>,
): Promise<ProtocolResponse> {
  const started = performance.now();
  const meta = requestMeta(request.headers);
  const ctx = systemContext(`oauth:${endpoint}`, meta);
  const server = await loadOAuthServer(ctx, slug);
  const response = server ? await run(ctx, server, note) : notFound();
  logger.info("oauth.request", {
    endpoint,
    server: slug,
    status: response.status,
    ms: Math.round(performance.now() - started),
    ip: meta.ip,
    requestId: ctx.requestId,
  });
  return withCorsResult(response);
}

function lookup(ctx: ServiceContext, server: OAuthServer, note: ProtocolSpanNote) {
  return {
    findClient: async (clientId: string) => {
      note.clientId = clientId;
      const resolved = await resolveOAuthClient(ctx, server, clientId);
      // A metadata-document client whose document cannot be used cannot authenticate (CIMD-15).
      if (!resolved.ok) throw new OAuthError("invalid_client", resolved.description);
      return resolved.client;
    },
    now: () => new Date(),
    // private_key_jwt (RFC 7523 §3): aud is this server's issuer or its token endpoint; the jti is
    // single-use across instances (UsedJwtId).
    verifyAssertion: async (client: OAuthClientRecord, assertion: string) => {
      await verifyClientAssertion(assertion, client.clientId, {
        now: new Date(),
        audiences: [server.issuer, `${server.issuer}/token`],
        keys: clientKeySource(client),
        consumeJti: (jti, expiresAt) =>
          consumeJti(ctx, { kind: "client_assertion", issuer: `${server.id}:${client.clientId}`, jti, expiresAt }),
      });
    },
    limiter: limiter(ctx),
    clientIp: ctx.ip ?? null,
    onUnexpectedError: (err: unknown) => logger.error("oauth.unexpected", { requestId: ctx.requestId, err }),
  };
}

/** Runs a grant; once it issued a token: "last used", the activity chart and the metric. */
async function issued<T>(
  ctx: ServiceContext,
  client: OAuthClientRecord,
  slug: string,
  note: ProtocolSpanNote,
  grantType: "authorization_code" | "refresh_token" | "client_credentials" | typeof JWT_BEARER_GRANT,
  grant: () => Promise<T>,
): Promise<T> {
  note.grantType = grantType;
  const body = await grant();
  await touchClient(ctx, client);
  countTokenIssued(client.id);
  metrics.tokensIssued.inc({ grant_type: grantType, server: slug });
  return body;
}

export function tokenEndpoint(request: ProtocolRequest, slug: string): Promise<ProtocolResponse> {
  return withServer(slug, request, "token", (ctx, server, note) =>
    handleTokenRequest<OAuthClientRecord>(request, {
      ...lookup(ctx, server, note),
      dpop: tokenEndpointDpop(ctx, `${server.issuer}/token`),
      grants: {
        authorizationCode: (client, input) =>
          issued(ctx, client, slug, note, "authorization_code", () =>
            exchangeAuthorizationCode(ctx, server, client, input),
          ),
        refreshToken: (client, input) =>
          issued(ctx, client, slug, note, "refresh_token", () => refreshTokens(ctx, server, client, input)),
        clientCredentials: (client, input) =>
          issued(ctx, client, slug, note, "client_credentials", () =>
            clientCredentialsGrant(ctx, server, client, input),
          ),
        jwtBearer: (client, input) =>
          issued(ctx, client, slug, note, JWT_BEARER_GRANT, () => idJagGrant(ctx, server, client, input)),
      },
    }),
  );
}

export function revocationEndpoint(request: ProtocolRequest, slug: string): Promise<ProtocolResponse> {
  return withServer(slug, request, "revoke", (ctx, server, note) =>
    handleRevocationRequest<OAuthClientRecord>(request, {
      ...lookup(ctx, server, note),
      revoke: (client, token) => revokeToken(ctx, server, client, token),
    }),
  );
}

export function introspectionEndpoint(request: ProtocolRequest, slug: string): Promise<ProtocolResponse> {
  return withServer(slug, request, "introspect", (ctx, server, note) =>
    handleIntrospectionRequest<OAuthClientRecord>(request, {
      ...lookup(ctx, server, note),
      introspect: async (_client, token) => {
        const answer = await introspectToken(ctx, server, token);
        metrics.introspections.inc({ result: answer.active ? "active" : "inactive" });
        return answer;
      },
    }),
  );
}
