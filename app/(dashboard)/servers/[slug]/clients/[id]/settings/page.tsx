import type { Metadata } from "next";
import { ClientPageShell } from "@/components/clients/client-page-shell";
import { ClientSettingsForm } from "@/components/clients/client-settings-form";
import { Card, CardContent } from "@/components/ui/card";
import { hasPermission } from "@/lib/auth/permissions";
import { allowedScopesText } from "@/components/clients/client-flow";
import { REGISTRATION_LABELS } from "@/lib/schemas/clients";
import { loadClient } from "../load-client";

export const metadata: Metadata = { title: "Client settings" };

export default async function ClientSettingsPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { user, server, client } = await loadClient(slug, id, "/settings");
  const canEdit = hasPermission(user.role, "clients.write");

  let notice: string | null = null;
  if (client.registration !== "MANUAL") {
    notice = `This client registered itself (${REGISTRATION_LABELS[client.registration]}), so it owns its metadata: its name and redirect URIs come from its registration and cannot be edited here. It may ask for any of this server's scopes (MCP step-up); each is shown to the person on the consent screen. You can still disable or delete it.`;
  } else if (!canEdit) {
    notice = "Your role can view this client but not change its settings.";
  }

  return (
    <ClientPageShell server={server} client={client} current="/settings">
      {notice ? (
        <Card>
          <CardContent className="grid gap-3">
            <p className="text-sm">{notice}</p>
            <dl className="grid gap-2 text-sm">
              <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
                <dt className="text-muted-foreground">Name</dt>
                <dd>{client.name}</dd>
              </div>
              <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
                <dt className="text-muted-foreground">Description</dt>
                <dd>{client.description || "None"}</dd>
              </div>
              <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
                <dt className="text-muted-foreground">Redirect URIs</dt>
                <dd className="font-mono text-xs break-all whitespace-pre-line">
                  {client.redirectUris.join("\n") || "None"}
                </dd>
              </div>
              <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
                <dt className="text-muted-foreground">Allowed scopes</dt>
                <dd className="font-mono text-xs">{allowedScopesText(client.allowedScopes)}</dd>
              </div>
            </dl>
          </CardContent>
        </Card>
      ) : (
        <ClientSettingsForm serverSlug={server.slug} client={client} scopes={server.scopes} />
      )}
    </ClientPageShell>
  );
}
