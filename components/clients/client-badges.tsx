import { Badge } from "@/components/ui/badge";
import { REGISTRATION_LABELS, type RegistrationType } from "@/lib/schemas/client-list";
import type { ClientDto } from "@/lib/services";

export function RegistrationBadge({ registration }: { registration: RegistrationType }) {
  return <Badge variant="outline">{REGISTRATION_LABELS[registration]}</Badge>;
}

/** Public (no secret, PKCE only) or confidential (authenticates with a secret). */
export function ClientTypeBadge({ isConfidential }: { isConfidential: boolean }) {
  return <Badge variant="outline">{clientTypeLabel(isConfidential)}</Badge>;
}

export function clientTypeLabel(isConfidential: boolean): string {
  return isConfidential ? "Confidential" : "Public";
}

export function StatusBadge({ status }: { status: ClientDto["status"] }) {
  return status === "active" ? <Badge variant="success">Active</Badge> : <Badge variant="secondary">Disabled</Badge>;
}

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]?.[0], words[1]?.[0]] : [name.trim()[0], name.trim()[1]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}

/** The client's logo when it registered one, else its initials. Decorative: the name is next to it. */
export function ClientAvatar({ name, logoUri }: { name: string; logoUri: string | null }) {
  if (logoUri) {
    return (
      // Logos live on arbitrary client-chosen hosts, which next/image would need listed in advance.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={logoUri}
        alt=""
        width={28}
        height={28}
        referrerPolicy="no-referrer"
        className="size-7 shrink-0 rounded-md border object-contain"
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className="flex size-7 shrink-0 items-center justify-center rounded-md bg-muted text-xs font-medium text-muted-foreground"
    >
      {initialsOf(name)}
    </span>
  );
}
