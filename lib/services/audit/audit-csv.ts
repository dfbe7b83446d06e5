import type { AuditEventDto } from "./list-audit-events";

const COLUMNS = [
  "time",
  "action",
  "actor_type",
  "actor",
  "actor_id",
  "target_type",
  "target",
  "target_id",
  "mcp_server",
  "ip",
  "user_agent",
  "details",
] as const;

/** RFC 4180 quoting, plus a leading ' on cells a spreadsheet would run as a formula (CSV injection). */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsvHeader(): string {
  return `${COLUMNS.join(",")}\r\n`;
}

export function auditCsvRow(e: AuditEventDto): string {
  return (
    [
      e.createdAt,
      e.action,
      e.actorType,
      e.actorLabel,
      e.actorId,
      e.targetType,
      e.targetLabel,
      e.targetId,
      e.serverSlug,
      e.ip,
      e.userAgent,
      e.details,
    ]
      .map(csvCell)
      .join(",") + "\r\n"
  );
}
