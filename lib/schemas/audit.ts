import { z } from "zod";
import { AUDIT_ACTIONS, type AuditFilter as AuditFilterValue } from "./audit-list";

// The vocabulary lives in a zod-free module the browser bundles import; re-exported for the server.
export * from "./audit-list";
export type AuditFilter = AuditFilterValue;

const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.")
  .optional()
  .catch(undefined);

/** The audit list's state, as it lives in the URL. Bad values fall back to "no filter". */
export const AuditQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  server: z.string().trim().max(100).optional().catch(undefined),
  from: DateParam,
  to: DateParam,
  cursor: z.string().max(200).optional().catch(undefined),
});
export const AuditFilter: z.ZodType<AuditFilterValue, unknown> = AuditQuery;
