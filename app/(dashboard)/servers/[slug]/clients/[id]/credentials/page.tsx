import type { Metadata } from "next";
import { ClientKeysCard } from "@/components/clients/client-keys-card";
import { ClientPageShell } from "@/components/clients/client-page-shell";
import { clientHref } from "@/components/clients/client-url";
import { RevokePreviousSecretDialog } from "@/components/clients/revoke-previous-secret-dialog";
import { RotateSecretForm } from "@/components/clients/rotate-secret-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { hasPermission } from "@/lib/auth/permissions";
import { loadClient } from "../load-client";

export const metadata: Metadata = { title: "Client credentials" };

export default async function ClientCredentialsPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { user, server, client } = await loadClient(slug, id, "/credentials");
  const canRotate = hasPermission(user.role, "clients.write");

  return (
    <ClientPageShell server={server} client={client} current="/credentials">
      {client.tokenEndpointAuthMethod === "private_key_jwt" ? (
        <ClientKeysCard
          client={client}
          canEdit={canRotate}
          settingsHref={clientHref(server.slug, client.id, "/settings")}
        />
      ) : (
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Client secret</h2>
            </CardTitle>
            <CardDescription>
              {client.isConfidential
                ? "Gatehouse stores only a hash of the secret, so it can never show it again; rotate it to get a new one."
                : "Public clients have no secret."}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {!client.isConfidential ? (
              <p className="text-sm">
                This is a public client (PKCE only): it has no secret. It proves it started each authorization with a
                PKCE code verifier (S256) instead, which suits native and browser apps that cannot keep a secret.
              </p>
            ) : (
              <>
                <dl className="grid gap-2 text-sm">
                  <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
                    <dt className="text-muted-foreground">Current secret</dt>
                    <dd>
                      {client.secretLast4 ? (
                        <>
                          Secret ending in …<code className="font-mono">{client.secretLast4}</code>
                        </>
                      ) : (
                        "No secret on record"
                      )}
                    </dd>
                  </div>
                  <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
                    <dt className="text-muted-foreground">Created</dt>
                    <dd>{client.secretCreatedAt ? <LocalTime iso={client.secretCreatedAt} /> : "Unknown"}</dd>
                  </div>
                </dl>
                {client.previousSecretExpiresAt && client.previousSecretLast4 ? (
                  <div
                    role="status"
                    className="flex flex-wrap items-center gap-3 rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm"
                  >
                    <p className="flex-1">
                      The previous secret (…<code className="font-mono">{client.previousSecretLast4}</code>) stops
                      working at <LocalTime iso={client.previousSecretExpiresAt} />.
                    </p>
                    {canRotate && (
                      <RevokePreviousSecretDialog
                        serverSlug={server.slug}
                        client={{ id: client.id, name: client.name, previousSecretLast4: client.previousSecretLast4 }}
                      />
                    )}
                  </div>
                ) : null}
                {canRotate ? (
                  <RotateSecretForm serverSlug={server.slug} clientId={client.id} clientName={client.name} />
                ) : (
                  <p className="text-sm text-muted-foreground">Your role cannot rotate client secrets.</p>
                )}
              </>
            )}
          </CardContent>
        </Card>
      )}
    </ClientPageShell>
  );
}
