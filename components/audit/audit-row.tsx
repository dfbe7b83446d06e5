"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { TableCell, TableRow } from "@/components/ui/table";
import type { AuditEventDto } from "@/lib/services";
import { cn } from "@/lib/utils";
import { auditActorHref, auditServerHref, auditTargetHref } from "./audit-links";
import { AUDIT_COLUMN_CLASS, AUDIT_COLUMNS } from "./audit-table-skeleton";

const ACTOR_TYPE_LABEL: Record<AuditEventDto["actorType"], string> = {
  USER: "User",
  CLIENT: "OAuth client",
  API_KEY: "API key",
  SYSTEM: "System",
};

function prettyDetails(details: unknown): string | null {
  if (details === null || details === undefined) return null;
  if (typeof details === "object" && Object.keys(details).length === 0) return null;
  try {
    return JSON.stringify(details, null, 2);
  } catch {
    return String(details);
  }
}

/** A link to what the text names when there is one to go to, plain text otherwise. */
function MaybeLink({ href, className, children }: { href: string | null; className?: string; children: ReactNode }) {
  if (!href) return <span className={className}>{children}</span>;
  return (
    <Link href={href} className={cn("underline-offset-4 hover:underline", className)}>
      {children}
    </Link>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="block text-xs text-muted-foreground">{children}</span>;
}

/** One audit event, plus a details row the toggle reveals (details JSON, user agent, ids). */
export function AuditRow({ event }: { event: AuditEventDto }) {
  const [isOpen, setIsOpen] = useState(false);
  const detailsId = `audit-${event.id}-details`;
  const actor = event.actorLabel ?? event.actorId ?? ACTOR_TYPE_LABEL[event.actorType];
  const showActorType = event.actorType !== "USER" && actor !== ACTOR_TYPE_LABEL[event.actorType];
  const target = event.targetLabel ?? event.targetId;
  const details = isOpen ? prettyDetails(event.details) : null;
  const targetHref = auditTargetHref(event);
  const actorHref = auditActorHref(event);
  const serverHref = auditServerHref(event);

  return (
    <>
      <TableRow data-state={isOpen ? "selected" : undefined}>
        <TableCell className="w-10 py-2 pr-0">
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="size-7"
            aria-expanded={isOpen}
            aria-controls={detailsId}
            onClick={() => setIsOpen((v) => !v)}
          >
            <ChevronRight aria-hidden className={cn("transition-transform", isOpen && "rotate-90")} />
            <span className="sr-only">Details of {event.action}</span>
          </Button>
        </TableCell>
        <TableCell className={AUDIT_COLUMN_CLASS.time}>
          <LocalTime iso={event.createdAt} relative />
        </TableCell>
        <TableCell>
          <Badge variant="outline" className="max-w-48 font-mono">
            <span className="truncate" title={event.action}>
              {event.action}
            </span>
          </Badge>
          <span className="mt-1 block text-xs text-muted-foreground sm:hidden">
            <LocalTime iso={event.createdAt} relative />
          </span>
        </TableCell>
        <TableCell className={cn(AUDIT_COLUMN_CLASS.actor, "max-w-48")}>
          <MaybeLink href={actorHref} className="block truncate">
            <span title={actor}>{actor}</span>
          </MaybeLink>
          {showActorType ? <Muted>{ACTOR_TYPE_LABEL[event.actorType]}</Muted> : null}
        </TableCell>
        <TableCell className={cn(AUDIT_COLUMN_CLASS.target, "max-w-48")}>
          {target ? (
            <MaybeLink href={targetHref} className="block truncate">
              <span title={target}>{target}</span>
            </MaybeLink>
          ) : (
            <span className="text-muted-foreground">—</span>
          )}
          {event.targetType || event.serverSlug ? (
            <Muted>
              {[event.targetType, event.serverSlug ? `on ${event.serverSlug}` : null].filter(Boolean).join(" ")}
            </Muted>
          ) : null}
        </TableCell>
        <TableCell className={AUDIT_COLUMN_CLASS.ip} data-testid="audit-ip">
          {event.ip ? (
            <span className="font-mono text-xs">{event.ip}</span>
          ) : (
            <span className="text-muted-foreground">—</span>
          )}
        </TableCell>
      </TableRow>
      <TableRow id={detailsId} hidden={!isOpen} className="bg-muted/30 hover:bg-muted/30">
        <TableCell colSpan={AUDIT_COLUMNS.length} className="px-4 py-4">
          {isOpen ? (
            <dl className="grid gap-x-6 gap-y-3 text-sm md:grid-cols-[max-content_1fr]">
              <dt className="font-medium text-muted-foreground">Time</dt>
              <dd>
                <LocalTime iso={event.createdAt} />
              </dd>
              <dt className="font-medium text-muted-foreground">Actor</dt>
              <dd className="break-all">
                <MaybeLink href={actorHref}>{actor}</MaybeLink>
              </dd>
              {target ? (
                <>
                  <dt className="font-medium text-muted-foreground">Target</dt>
                  <dd className="break-all">
                    <MaybeLink href={targetHref}>{target}</MaybeLink>
                  </dd>
                </>
              ) : null}
              <dt className="font-medium text-muted-foreground">MCP server</dt>
              <dd className="font-mono text-xs">
                <MaybeLink href={serverHref}>{event.serverSlug ?? "—"}</MaybeLink>
              </dd>
              <dt className="font-medium text-muted-foreground">IP address</dt>
              <dd className="font-mono text-xs">{event.ip ?? "Not recorded"}</dd>
              <dt className="font-medium text-muted-foreground">Event ID</dt>
              <dd className="font-mono text-xs break-all">{event.id}</dd>
              {event.actorId ? (
                <>
                  <dt className="font-medium text-muted-foreground">Actor ID</dt>
                  <dd className="font-mono text-xs break-all">
                    <MaybeLink href={actorHref}>{event.actorId}</MaybeLink>
                  </dd>
                </>
              ) : null}
              {event.targetId ? (
                <>
                  <dt className="font-medium text-muted-foreground">Target ID</dt>
                  <dd className="font-mono text-xs break-all">
                    <MaybeLink href={targetHref}>{event.targetId}</MaybeLink>
                  </dd>
                </>
              ) : null}
              <dt className="font-medium text-muted-foreground">User agent</dt>
              <dd className="text-xs break-all">
                {event.userAgent ?? <span className="text-muted-foreground">Not recorded</span>}
              </dd>
              <dt className="font-medium text-muted-foreground">Details</dt>
              <dd className="min-w-0">
                {details ? (
                  <pre className="max-h-80 overflow-auto rounded-md border bg-background p-3 font-mono text-xs whitespace-pre-wrap break-all">
                    {details}
                  </pre>
                ) : (
                  <span className="text-muted-foreground">No details recorded.</span>
                )}
              </dd>
            </dl>
          ) : null}
        </TableCell>
      </TableRow>
    </>
  );
}
