// Where an audit event's actor and target live in the dashboard, from the event's own fields.
// Pure (no database): a target the event itself says is gone (deleted, pruned) gets no link, and
// one whose MCP server is gone has no slug to link with.
import type { AuditEventDto } from "@/lib/services";

type LinkableEvent = Pick<
  AuditEventDto,
  "action" | "actorType" | "actorId" | "targetType" | "targetId" | "serverSlug" | "details"
>;

const GONE = /\.(deleted|pruned)$/;

function detailString(details: unknown, key: string): string | null {
  if (!details || typeof details !== "object") return null;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === "string" && value ? value : null;
}

const enc = encodeURIComponent;

export function auditTargetHref(e: LinkableEvent): string | null {
  const id = e.targetId;
  if (!id || GONE.test(e.action)) return null;
  switch (e.targetType) {
    case "client":
      return e.serverSlug ? `/servers/${enc(e.serverSlug)}/clients/${enc(id)}` : null;
    case "server":
      return e.serverSlug ? `/servers/${enc(e.serverSlug)}` : null;
    case "user":
      return `/users/${enc(id)}`;
    case "consent": {
      // The consent row is gone once revoked; the person it belonged to is what people look for.
      const userId = detailString(e.details, "userId");
      return userId ? `/users/${enc(userId)}` : null;
    }
    case "initial_access_token":
      return e.serverSlug ? `/servers/${enc(e.serverSlug)}/settings/registration` : null;
    case "webhook":
      return `/settings/webhooks/${enc(id)}`;
    case "identity_provider":
      return `/settings/identity-providers/${enc(id)}`;
    case "api_key":
      return "/settings/api-keys";
    default:
      return null;
  }
}

export function auditActorHref(e: LinkableEvent): string | null {
  if (!e.actorId) return null;
  if (e.actorType === "USER") return `/users/${enc(e.actorId)}`;
  if (e.actorType === "API_KEY") return "/settings/api-keys";
  return null;
}

export function auditServerHref(e: Pick<AuditEventDto, "serverSlug">): string | null {
  return e.serverSlug ? `/servers/${enc(e.serverSlug)}` : null;
}
