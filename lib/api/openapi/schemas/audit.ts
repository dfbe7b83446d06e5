import { z } from "zod";
import type { AuditEventDto } from "@/lib/services/audit/list-audit-events";
import { IsoDateTime } from "./common";
import type { SameType } from "./same-type";

export const AuditEvent = z
  .strictObject({
    id: z.string(),
    createdAt: IsoDateTime,
    actorType: z.enum(["USER", "CLIENT", "API_KEY", "SYSTEM"]),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    action: z.string().meta({ example: "client.secret_rotated" }),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    targetLabel: z.string().nullable(),
    serverId: z.string().nullable(),
    serverSlug: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.unknown().meta({ description: "Depends on the action; never holds a secret." }),
  })
  .meta({ id: "AuditEvent" });

export const auditSchemasMatch: [SameType<z.output<typeof AuditEvent>, AuditEventDto>] = [true];
