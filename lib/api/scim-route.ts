// The adapter of /scim/v2 (RFC 7644): a SCIM bearer token → its identity provider → the SCIM
// service verb, with every failure as SCIM error JSON (§3.12) in application/scim+json. A client's
// mistake is always a 4xx: malformed JSON is 400 invalidSyntax, a bad filter 400 invalidFilter, an
// oversized body 413 (read-body-capped.ts), a wrong or revoked token 401.
import { db } from "@/lib/db/client";
import { ADMIN_BODY_LIMIT, BodyTooLargeError, MalformedBodyError, readJsonCapped } from "@/lib/http/read-body-capped";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { publicUrl, requestMeta } from "@/lib/request-meta";
import { invalidSyntax, ScimError, scimErrorBody } from "@/lib/scim/errors";
import { SCIM_CONTENT_TYPE } from "@/lib/scim/schemas";
import { authenticateScimToken, ServiceError, type ScimCaller, type ServiceContext } from "@/lib/services";
import { scimContext } from "@/lib/services/scim/scim-users";

export const SCIM_BASE_PATH = "/scim/v2";

export function scimBaseUrl(): string {
  return publicUrl(SCIM_BASE_PATH);
}

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": SCIM_CONTENT_TYPE, "Cache-Control": "no-store", ...headers },
  });
}

const SERVICE_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  RATE_LIMITED: 429,
  PRECONDITION_FAILED: 412,
};

export function scimErrorResponse(err: unknown, requestId: string): Response {
  if (err instanceof ScimError) return scimJson(scimErrorBody(err), err.status);
  if (err instanceof MalformedBodyError) return scimJson(scimErrorBody(invalidSyntax(err.message)), 400);
  if (err instanceof BodyTooLargeError)
    return scimJson(scimErrorBody(new ScimError(413, err.message)), 413, { Connection: "close" });
  if (err instanceof ServiceError) {
    const status = SERVICE_STATUS[err.code] ?? 400;
    return scimJson(
      scimErrorBody(new ScimError(status, err.message, status === 400 ? "invalidValue" : undefined)),
      status,
    );
  }
  logger.error("scim.failed", { requestId, err });
  return scimJson(scimErrorBody(new ScimError(500, `Something went wrong (request ${requestId}).`)), 500);
}

const UNAUTHORIZED = new ScimError(401, "The SCIM token is missing, unknown or revoked.");

export interface ScimRequest {
  req: Request;
  caller: ScimCaller;
  ctx: ServiceContext;
  baseUrl: string;
}

/** Wraps a /scim/v2 handler: authenticates the bearer token and maps every error. */
export function scimRoute<P>(handler: (r: ScimRequest, params: P) => Promise<Response>) {
  return async (req: Request, routeCtx: { params: Promise<P> }): Promise<Response> => {
    const requestId = newId("request");
    try {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "")?.[1];
      const caller = token ? await authenticateScimToken(db(), token) : null;
      if (!caller) return scimJson(scimErrorBody(UNAUTHORIZED), 401, { "WWW-Authenticate": 'Bearer realm="scim"' });
      const ctx = scimContext(caller, { requestId, ...requestMeta(req.headers) });
      return await handler({ req, caller, ctx, baseUrl: scimBaseUrl() }, await routeCtx.params);
    } catch (err) {
      return scimErrorResponse(err, requestId);
    }
  };
}

/** The JSON body, capped at 1 MiB; malformed JSON is a ScimError 400 invalidSyntax. */
export async function readScimBody(req: Request): Promise<unknown> {
  return readJsonCapped(req, ADMIN_BODY_LIMIT);
}
