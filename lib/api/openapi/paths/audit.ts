import { z } from "zod";
import { AuditQuery } from "@/lib/schemas/audit";
import { AuditEvent } from "../schemas/audit";
import { defineOperations } from "../registry";

const tag = "Audit log";

export const auditOperations = defineOperations([
  {
    method: "get",
    path: "/api/v1/audit",
    operationId: "listAuditEvents",
    tag,
    summary: "List audit events",
    description: "Newest first, 50 a page. An invalid filter value is ignored; an inverted date range is a 422.",
    permission: "audit.read",
    query: AuditQuery,
    responses: {
      200: {
        description: "One page of events.",
        schema: z.strictObject({ events: z.array(AuditEvent), nextCursor: z.string().nullable() }),
      },
    },
  },
  {
    method: "get",
    path: "/api/v1/audit/export",
    operationId: "exportAuditEvents",
    tag,
    summary: "Export audit events as CSV",
    description: "Every event matching the same filters (`cursor` aside), streamed as RFC 4180 CSV.",
    permission: "audit.read",
    query: AuditQuery.omit({ cursor: true }),
    responses: { 200: { description: "The CSV file.", contentType: "text/csv" } },
  },
]);
