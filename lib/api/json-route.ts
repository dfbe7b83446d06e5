// Adapters for the dashboard/automation JSON API (/api/v1/...): session → permission → service,
// errors as { "error": { "code", "message" } } with a proper status. Never mixed with the OAuth
// endpoints' RFC 6749 error JSON.
import { ZodError } from "zod";
import { getServiceContext } from "@/lib/auth/session";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { logger } from "@/lib/logger";
import { fieldErrorsOf } from "@/lib/schemas/form";
import { RateLimitedError, ServiceError, type ServiceContext } from "@/lib/services";

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 422,
  RATE_LIMITED: 429,
  PRECONDITION_FAILED: 409,
};

export function apiError(code: string, message: string, status: number, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(err: unknown, requestId: string): Response {
  if (err instanceof ServiceError) {
    const res = apiError(err.code, err.message, STATUS[err.code] ?? 400, err.fieldErrors ? { fields: err.fieldErrors } : {});
    if (err instanceof RateLimitedError) res.headers.set("Retry-After", String(err.retryAfterSeconds));
    return res;
  }
  if (err instanceof ZodError) return apiError("INVALID", "The request is invalid.", 422, { fields: fieldErrorsOf(err) });
  logger.error("api.failed", { requestId, err });
  return apiError("INTERNAL", `Something went wrong (request ${requestId}).`, 500);
}

export function jsonRoute<P>(
  permission: Permission,
  handler: (req: Request, ctx: ServiceContext, params: P) => Promise<Response | unknown>,
) {
  return async (req: Request, routeCtx: { params: Promise<P> }): Promise<Response> => {
    const ctx = await getServiceContext();
    if (!ctx) return apiError("UNAUTHENTICATED", "Sign in, or send an API key.", 401);
    if (ctx.actor.type !== "user" || !hasPermission(ctx.actor.role, permission)) {
      return apiError("FORBIDDEN", "Your role cannot do this.", 403);
    }
    try {
      const result = await handler(req, ctx, await routeCtx.params);
      return result instanceof Response ? result : Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err, ctx.requestId);
    }
  };
}
