// The authorization-code flow's server side (OAuth 2.1 §4.1, checklist §5): validate, store the
// request for 10 minutes under an opaque id (nothing can be altered between steps), sign in,
// consent, issue a 60-second code bound to everything it was granted for.
import { hashSecret } from "@/lib/oauth/client-credentials-secret";
import {
  authorizationResponseUrl,
  validateAuthorizeRequest,
  type ValidAuthorizeRequest,
} from "@/lib/oauth/authorize-request";
import { parseParams, type ParsedParams } from "@/lib/oauth/params";
import { isSubset } from "@/lib/oauth/scope";
import { bodyReadError, OAuthError } from "@/lib/oauth/errors";
import { PROTOCOL_BODY_LIMIT, readTextCapped } from "@/lib/http/read-body-capped";
import { newId, randomToken } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { requestMeta } from "@/lib/request-meta";
import { recordAudit } from "../audit/record-audit";
import { grantConsent } from "../consents/grant-consent";
import { dbOf, systemContext, type ServiceContext } from "../context";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { withTx } from "../transaction";
import type { SessionUser } from "../users/get-session-user";
import type { OAuthClientRecord } from "./oauth-client";
import { loadOAuthServer, type OAuthServer } from "./oauth-server";
import { resolveOAuthClient } from "./resolve-client";

const REQUEST_TTL_MS = 10 * 60_000;
const CODE_TTL_MS = 60_000;

export type AuthorizeOutcome =
  | { kind: "error_page"; status: number; title: string; description: string; requestId?: string }
  | { kind: "redirect"; location: string }
  /** AUTHZ-07: an error for a client that registered itself is shown before it is sent back. */
  | { kind: "interstitial"; clientName: string; location: string; description: string; requestId?: string }
  | { kind: "consent"; requestId: string };

async function readParams(request: Request): Promise<ParsedParams> {
  if (request.method === "POST") {
    const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded")
      throw new OAuthError("invalid_request", "POST to /authorize must be form-encoded.");
    const body = await readTextCapped(request, PROTOCOL_BODY_LIMIT).catch((err: unknown) => {
      throw bodyReadError(err);
    });
    return parseParams(new URLSearchParams(body));
  }
  return parseParams(new URL(request.url).searchParams);
}

function errorRedirect(
  server: OAuthServer,
  redirectUri: string,
  error: string,
  description: string,
  state: string | undefined,
) {
  return {
    kind: "redirect" as const,
    location: authorizationResponseUrl(redirectUri, {
      error,
      error_description: description,
      state,
      iss: server.issuer,
    }),
  };
}

/** Does the user's existing consent already cover these scopes? */
/** The scopes the user has already allowed this client (none without a consent). */
async function consentedScopes(ctx: ServiceContext, clientRowId: string, userId: string): Promise<string[] | null> {
  const consent = await dbOf(ctx).consent.findUnique({
    where: { clientId_userId: { clientId: clientRowId, userId } },
    select: { scopes: true },
  });
  return consent?.scopes ?? null;
}

async function consentCovers(
  ctx: ServiceContext,
  clientRowId: string,
  userId: string,
  scopes: string[],
): Promise<boolean> {
  const granted = await consentedScopes(ctx, clientRowId, userId);
  return granted !== null && isSubset(scopes, granted);
}

export async function startAuthorization(
  request: Request,
  slug: string,
  user: SessionUser | null,
): Promise<AuthorizeOutcome> {
  const started = performance.now();
  const outcome = await authorizeOutcome(request, slug, user);
  const meta = requestMeta(request.headers);
  // A page shown instead of a redirect carries an ID the person can quote; this log line holds it.
  if (outcome.kind === "error_page" || outcome.kind === "interstitial") outcome.requestId = newId("request");
  logger.info("oauth.request", {
    endpoint: "authorize",
    server: slug,
    outcome: outcome.kind,
    ...(outcome.kind === "error_page" || outcome.kind === "interstitial" ? { requestId: outcome.requestId } : {}),
    ...(outcome.kind === "error_page" ? { error: outcome.title } : {}),
    ...(outcome.kind === "redirect" || outcome.kind === "interstitial"
      ? { error: new URL(outcome.location).searchParams.get("error") ?? undefined }
      : {}),
    ms: Math.round(performance.now() - started),
    ip: meta.ip,
  });
  return outcome;
}

async function authorizeOutcome(request: Request, slug: string, user: SessionUser | null): Promise<AuthorizeOutcome> {
  const ctx = systemContext("oauth:authorize");
  const server = await loadOAuthServer(ctx, slug);
  if (!server)
    return {
      kind: "error_page",
      status: 404,
      title: "Unknown MCP server",
      description: "There is no MCP server at this address.",
    };
  let parsed: ParsedParams;
  try {
    parsed = await readParams(request);
  } catch (err) {
    return {
      kind: "error_page",
      status: err instanceof OAuthError ? err.status : 400,
      title: err instanceof OAuthError && err.status === 413 ? "Request too large" : "Invalid request",
      description: err instanceof OAuthError ? err.description : "The request is malformed.",
    };
  }
  const clientIdParam = parsed.params.get("client_id");
  let client: OAuthClientRecord | null = null;
  if (clientIdParam) {
    // A metadata document that cannot be fetched or used is an error page, never a redirect: its
    // redirect URIs cannot be trusted (CIMD-15).
    const resolved = await resolveOAuthClient(ctx, server, clientIdParam);
    if (!resolved.ok)
      return { kind: "error_page", status: 400, title: resolved.title, description: resolved.description };
    client = resolved.client;
  }
  const v = validateAuthorizeRequest(parsed, () => client, server);
  if (v.kind === "page") return { kind: "error_page", status: 400, title: v.title, description: v.description };
  // A client awaiting approval gets nothing from us, not even an error redirect to its callback.
  if (client?.approvalStatus === "PENDING") return awaitingApproval(client.name, server.name);
  if (v.kind === "redirect") {
    const redirect = errorRedirect(server, v.redirectUri, v.error, v.description, v.state);
    // AUTHZ-07: a client that registered itself (DCR, or a metadata document) is not trusted to
    // receive an automatic redirect, which would make Gatehouse an open redirector for whoever
    // registered the URI: the user sees the error first and follows the link back knowingly.
    // prompt=none stays silent: the client asked for an answer without any page.
    if (client && client.registration !== "MANUAL" && parsed.params.get("prompt") !== "none") {
      return { kind: "interstitial", clientName: client.name, location: redirect.location, description: v.description };
    }
    return redirect;
  }
  const req = v.request;
  if (!client)
    return {
      kind: "error_page",
      status: 400,
      title: "Unknown application",
      description: "This application is not registered.",
    };

  if (req.prompt === "none") {
    if (!user) return errorRedirect(server, req.redirectUri, "login_required", "The user is not signed in.", req.state);
    if (!(await consentCovers(ctx, client.id, user.id, req.scopes)))
      return errorRedirect(
        server,
        req.redirectUri,
        "consent_required",
        "The user has not consented to this client.",
        req.state,
      );
  }

  const requestId = `${newId("authRequest")}${randomToken(8)}`;
  await dbOf(ctx).authorizationRequest.create({
    data: {
      id: requestId,
      serverId: server.id,
      clientId: client.id,
      redirectUri: req.redirectUri,
      redirectUriGiven: req.redirectUriGiven,
      scopes: req.scopes,
      resource: req.resource,
      state: req.state ?? null,
      codeChallenge: req.codeChallenge,
      prompt: req.prompt ?? null,
      dpopJkt: req.dpopJkt ?? null,
      expiresAt: new Date(Date.now() + REQUEST_TTL_MS),
    },
  });

  const mayReuseConsent = user && req.prompt !== "consent" && req.prompt !== "login";
  if (mayReuseConsent && (await consentCovers(ctx, client.id, user.id, req.scopes))) {
    return { kind: "redirect", location: await approve(ctx, server, requestId, user, false) };
  }
  return { kind: "consent", requestId };
}

/** A DCR client an admin has not approved yet: an error page, never a redirect to it. */
function awaitingApproval(clientName: string, serverName: string): AuthorizeOutcome {
  return {
    kind: "error_page",
    status: 403,
    title: "Waiting for approval",
    description: `“${clientName}” registered itself with ${serverName} and awaits an administrator's approval. Try again once an administrator has approved it.`,
  };
}

export interface PendingAuthorization {
  requestId: string;
  server: {
    slug: string;
    name: string;
    resource: string;
    issuer: string;
    scopes: { name: string; description: string }[];
  };
  client: Pick<OAuthClientRecord, "clientId" | "name" | "logoUri" | "registration" | "redirectUris" | "approvalStatus">;
  redirectUri: string;
  scopes: { name: string; description: string }[];
  prompt: string | null;
  /** The user's consent already covers the scopes (the screen may be skipped unless prompt=consent). */
  alreadyConsented: boolean;
  /**
   * Step-up: the scopes the user allowed this client before. The screen asks only for the requested
   * scopes not among them and lists these as "already allowed".
   */
  grantedScopes: { name: string; description: string }[];
}

async function loadRequest(ctx: ServiceContext, slug: string, requestId: string) {
  const server = await loadOAuthServer(ctx, slug);
  const row = server ? await dbOf(ctx).authorizationRequest.findUnique({ where: { id: requestId } }) : null;
  if (!server || !row || row.serverId !== server.id) throw new NotFoundError("Authorization request");
  if (row.completedAt)
    throw new PreconditionFailedError("This authorization was already answered. Start again from the application.");
  if (row.expiresAt <= new Date())
    throw new PreconditionFailedError("This authorization request has expired. Start again from the application.");
  const client = await dbOf(ctx).oAuthClient.findUnique({ where: { id: row.clientId } });
  if (!client || client.disabledAt) throw new PreconditionFailedError("This application is no longer allowed.");
  return { server, row, client };
}

/** For the consent screen. The request is bound to a user when that user answers it. */
export async function getPendingAuthorization(
  slug: string,
  requestId: string,
  user: SessionUser,
): Promise<PendingAuthorization> {
  const ctx = systemContext("oauth:consent");
  const { server, row, client } = await loadRequest(ctx, slug, requestId);
  const describe = new Map(server.scopes.map((s) => [s.name, s.description]));
  const granted = await consentedScopes(ctx, client.id, user.id);
  return {
    requestId,
    server: {
      slug: server.slug,
      name: server.name,
      resource: server.resource,
      issuer: server.issuer,
      scopes: server.scopes,
    },
    client: {
      clientId: client.clientId,
      name: client.name,
      logoUri: client.logoUri,
      registration: client.registration,
      redirectUris: client.redirectUris,
      approvalStatus: client.approvalStatus,
    },
    redirectUri: row.redirectUri,
    scopes: row.scopes.map((name) => ({ name, description: describe.get(name) ?? "" })),
    prompt: row.prompt,
    alreadyConsented: granted !== null && isSubset(row.scopes, granted),
    grantedScopes: (granted ?? []).map((name) => ({ name, description: describe.get(name) ?? "" })),
  };
}

/** Stores or widens the consent, issues the code, and returns the client redirect (RFC 9207 iss). */
async function approve(
  ctx: ServiceContext,
  server: OAuthServer,
  requestId: string,
  user: SessionUser,
  explicit: boolean,
): Promise<string> {
  const code = randomToken(32);
  return withTx(ctx, async (tx) => {
    const row = await tx.authorizationRequest.findUniqueOrThrow({ where: { id: requestId } });
    const done = await tx.authorizationRequest.updateMany({
      where: { id: requestId, completedAt: null },
      data: { completedAt: new Date(), userId: user.id },
    });
    if (done.count !== 1) throw new PreconditionFailedError("This authorization was already answered.");
    const { consent, previousScopes } = await grantConsent(tx, {
      serverId: server.id,
      clientId: row.clientId,
      userId: user.id,
      scopes: row.scopes,
      restartGrantedAt: explicit,
    });
    if (explicit) {
      const client = await tx.oAuthClient.findUniqueOrThrow({
        where: { id: row.clientId },
        select: { id: true, name: true, clientId: true },
      });
      await recordAudit(
        tx,
        { ...ctx, actor: { type: "user", userId: user.id, email: user.email, role: user.role } },
        {
          action: "consent.granted",
          target: { type: "client", id: client.id, label: client.name },
          serverId: server.id,
          details: { clientId: client.clientId, scopes: consent.scopes, previousScopes },
        },
      );
    }
    await tx.authorizationCode.create({
      data: {
        hash: hashSecret(code),
        serverId: server.id,
        clientId: row.clientId,
        userId: user.id,
        consentId: consent.id,
        redirectUri: row.redirectUri,
        redirectUriGiven: row.redirectUriGiven,
        scopes: row.scopes,
        resource: row.resource,
        codeChallenge: row.codeChallenge,
        dpopJkt: row.dpopJkt,
        expiresAt: new Date(Date.now() + CODE_TTL_MS),
      },
    });
    return authorizationResponseUrl(row.redirectUri, { code, state: row.state ?? undefined, iss: server.issuer });
  });
}

/** The user's answer on the consent screen: Allow issues a code, Deny returns access_denied. */
export async function decideAuthorization(
  slug: string,
  requestId: string,
  user: SessionUser,
  allow: boolean,
): Promise<string> {
  const ctx = systemContext("oauth:consent");
  const { server, row, client } = await loadRequest(ctx, slug, requestId);
  if (allow && client.approvalStatus === "PENDING")
    throw new PreconditionFailedError(
      `“${client.name}” awaits an administrator's approval. Try again once it has been approved.`,
    );
  if (row.userId && row.userId !== user.id)
    throw new PreconditionFailedError("This authorization was started by another account.");
  if (allow) return approve(ctx, server, requestId, user, true);
  const done = await dbOf(ctx).authorizationRequest.updateMany({
    where: { id: requestId, completedAt: null },
    data: { completedAt: new Date(), userId: user.id },
  });
  if (done.count !== 1) throw new PreconditionFailedError("This authorization was already answered.");
  return authorizationResponseUrl(row.redirectUri, {
    error: "access_denied",
    error_description: "The user denied the request.",
    state: row.state ?? undefined,
    iss: server.issuer,
  });
}

/** After sign-in: an existing consent that covers the request issues the code without asking again. */
export async function continueAuthorization(
  slug: string,
  requestId: string,
  user: SessionUser,
): Promise<string | null> {
  const ctx = systemContext("oauth:consent");
  const { server, row, client } = await loadRequest(ctx, slug, requestId);
  if (client.approvalStatus === "PENDING") return null;
  if (row.userId && row.userId !== user.id) return null;
  if (row.prompt === "consent" || row.prompt === "login") return null;
  if (!(await consentCovers(ctx, row.clientId, user.id, row.scopes))) return null;
  return approve(ctx, server, requestId, user, false);
}

export type { ValidAuthorizeRequest };
