// What every server action returns (client-safe: forms import the type).
export type ActionErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "INVALID"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "PRECONDITION_FAILED"
  | "INTERNAL";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ActionErrorCode;
      message: string;
      /** Keyed by dotted path ("scopes.1.name"); rendered next to their fields. */
      fieldErrors?: Record<string, string[]>;
      /** The submitted values, echoed back: React 19 resets uncontrolled forms after an action. */
      values?: Record<string, string | string[]>;
    };
