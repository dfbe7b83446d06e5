// Typed failures of the service layer. Adapters (server actions, JSON routes, CLI) map them to
// their transport; an unknown error never reaches a user verbatim.
export type ServiceErrorCode =
  "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "INVALID" | "RATE_LIMITED" | "PRECONDITION_FAILED";

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    /** Field-level messages, keyed by dotted path, for forms. */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export class ForbiddenError extends ServiceError {
  constructor(message = "Your role does not allow this.") {
    super("FORBIDDEN", message);
  }
}

export class NotFoundError extends ServiceError {
  constructor(what: string) {
    super("NOT_FOUND", `${what} was not found.`);
  }
}

export class ConflictError extends ServiceError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super("CONFLICT", message, fieldErrors);
  }
}

export class ValidationError extends ServiceError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super("INVALID", message, fieldErrors);
  }
}

export class RateLimitedError extends ServiceError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", message);
  }
}

export class PreconditionFailedError extends ServiceError {
  constructor(message: string) {
    super("PRECONDITION_FAILED", message);
  }
}
