// Adapters for the dashboard/automation JSON API (/api/v1/...): session → permission → service,
// errors as { "error": { "code", "message" } } with a proper status. Never mixed with the OAuth
// endpoints' RFC 6749 error JSON.
import { ZodError, type z } from "zod";
import { getServiceContext } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { publicOrigin, requestMeta } from "@/lib/request-meta";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { logger } from "@/lib/logger";
import {
  ADMIN_BODY_LIMIT,
  BodyTooLargeError,
  MalformedBodyError,
  NUL_MESSAGE,
  parseJsonRefusingNul,
  readBytesCapped,
} from "@/lib/http/read-body-capped";
import { fieldErrorsOf } from "@/lib/schemas/form";
import { authenticateApiKey, RateLimitedError, ServiceError, type ServiceContext } from "@/lib/services";

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 422,
  RATE_LIMITED: 429,
  PRECONDITION_FAILED: 409,
};

export function apiError(
  code: string,
  message: string,
  status: number,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code, message, ...extra } },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}

export function errorResponse(err: unknown, requestId: string): Response {
  if (err instanceof ServiceError) {
    const res = apiError(
      err.code,
      err.message,
      STATUS[err.code] ?? 400,
      err.fieldErrors ? { fields: err.fieldErrors } : {},
    );
    if (err instanceof RateLimitedError) res.headers.set("Retry-After", String(err.retryAfterSeconds));
    return res;
  }
  if (err instanceof BodyTooLargeError)
    return apiError("PAYLOAD_TOO_LARGE", err.message, 413, {}, { Connection: "close" });
  if (err instanceof MalformedBodyError) return apiError("INVALID", err.message, 422);
  if (err instanceof ZodError)
    return apiError("INVALID", "The request is invalid.", 422, { fields: fieldErrorsOf(err) });
  logger.error("api.failed", { requestId, err });
  return apiError("INTERNAL", `Something went wrong (request ${requestId}).`, 500);
}

/**
 * Who is calling: an admin API key (`Authorization: Bearer gha_…`) or the dashboard session.
 * Cookie-authenticated writes must come from our own origin (CSRF); API keys are not ambient.
 */
async function callerContext(req: Request): Promise<ServiceContext | Response> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const actor = token ? await authenticateApiKey(db(), token) : null;
    if (!actor) return apiError("UNAUTHENTICATED", "The API key is missing, unknown, expired or revoked.", 401);
    return { actor, requestId: newId("request"), ...requestMeta(req.headers) };
  }
  if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) {
    return apiError("FORBIDDEN", "Cross-site requests are not allowed.", 403);
  }
  return (await getServiceContext()) ?? apiError("UNAUTHENTICATED", "Sign in, or send an API key.", 401);
}

/** Same origin means GATEHOUSE_URL's: Host and X-Forwarded-Host are the client's to choose. */
function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return req.headers.get("sec-fetch-site") !== "cross-site";
  return origin === publicOrigin();
}

export function jsonRoute<P>(
  permission: Permission,
  handler: (req: Request, ctx: ServiceContext, params: P) => Promise<Response | unknown>,
) {
  return async (req: Request, routeCtx: { params: Promise<P> }): Promise<Response> => {
    const ctx = await callerContext(req);
    if (ctx instanceof Response) return ctx;
    const role = ctx.actor.type === "system" ? null : ctx.actor.role;
    if (!hasPermission(role, permission)) return apiError("FORBIDDEN", "Your role cannot do this.", 403);
    try {
      const result = await handler(req, ctx, await routeCtx.params);
      return result instanceof Response ? result : Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err, ctx.requestId);
    }
  };
}

/**
 * A JSON request body of at most 1 MiB (413 past it), or a 422-shaped error when it is not a JSON
 * object or holds a NUL character. An empty body reads as `{}`.
 */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const text = new TextDecoder().decode(await readBytesCapped(req, ADMIN_BODY_LIMIT));
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = parseJsonRefusingNul(text);
  } catch (err) {
    if (!(err instanceof MalformedBodyError) || err.message === NUL_MESSAGE) throw err;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ServiceError("INVALID", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

/**
 * The body checked against the operation's schema (lib/api/openapi/paths): the schemas are strict,
 * so an unknown field is a 422 whose `fields` names it, like any other input error.
 */
export async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  return schema.parse(await readJsonObject(req));
}

/** A partial update's body: only the fields the caller sent, so no default overwrites a kept value. */
export async function readPatchBody<S extends z.ZodType<Record<string, unknown>>>(
  req: Request,
  schema: S,
): Promise<Partial<z.output<S>>> {
  const raw = await readJsonObject(req);
  const parsed = schema.parse(raw);
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => k in raw)) as Partial<z.output<S>>;
}
