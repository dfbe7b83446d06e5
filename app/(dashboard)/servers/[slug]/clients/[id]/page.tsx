import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ALL_SERVER_SCOPES, registrationSentence } from "@/components/clients/client-flow";
import { ActivityChart } from "@/components/clients/activity-chart";
import { ClientPageShell } from "@/components/clients/client-page-shell";
import { showsConsents } from "@/components/clients/client-url";
import { MetadataDocumentCard } from "@/components/clients/metadata-document-card";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { FLOW_LABELS } from "@/lib/schemas/clients";
import { plural } from "@/lib/plural";
import { hasPermission } from "@/lib/auth/permissions";
import { getClientActivity, getMetadataDocumentStatus } from "@/lib/services";
import { loadClient } from "./load-client";

export const metadata: Metadata = { title: "Client" };

const AUTH_METHOD_LABELS: Record<string, string> = {
  client_secret_basic: "Client secret in the Authorization header (client_secret_basic)",
  client_secret_post: "Client secret in the request body (client_secret_post)",
  none: "None: a public client, PKCE only (none)",
  private_key_jwt: "Signed JWT assertion (private_key_jwt)",
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-baseline">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

function None({ children }: { children: ReactNode }) {
  return <span className="text-muted-foreground">{children}</span>;
}

function CodeList({ items, empty }: { items: readonly string[]; empty: string }) {
  if (items.length === 0) return <None>{empty}</None>;
  return (
    <ul className="grid gap-1">
      {items.map((item) => (
        <li key={item}>
          <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs break-all">{item}</code>
        </li>
      ))}
    </ul>
  );
}

export default async function ClientOverviewPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { user, ctx, server, client } = await loadClient(slug, id, "");
  const activity = await getClientActivity({ ctx, serverSlug: server.slug, clientId: client.id });
  const cimd =
    client.registration === "METADATA_DOCUMENT"
      ? await getMetadataDocumentStatus({ ctx, serverSlug: server.slug, clientId: client.id })
      : null;
  return (
    <ClientPageShell
      server={server}
      client={client}
      current=""
      approval={{
        canApprove: hasPermission(user.role, "clients.write"),
        canReject: hasPermission(user.role, "clients.delete"),
      }}
    >
      {cimd && (
        <MetadataDocumentCard
          serverSlug={server.slug}
          clientRowId={client.id}
          status={cimd}
          canRefresh={hasPermission(user.role, "clients.write")}
        />
      )}
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>{showsConsents(client) ? "Tokens and consents" : "Tokens"}, last 30 days</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <ActivityChart days={activity} consents={showsConsents(client)} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Details</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-3">
            <Row label="Client ID">
              <span className="flex items-center gap-2">
                <code className="font-mono text-sm break-all">{client.clientId}</code>
                <CopyButton value={client.clientId} label="client ID" />
              </span>
            </Row>
            <Row label="Registration">{registrationSentence(client.registration, client.createdByLabel)}</Row>
            <Row label="Flow">
              {FLOW_LABELS[client.flow]}
              {client.flow === "client_credentials"
                ? " — acts on its own behalf."
                : " with PKCE — acts on behalf of users who consent."}
            </Row>
            <Row label="Client type">
              {client.isConfidential
                ? "Confidential: authenticates with its client secret."
                : "Public: no secret, PKCE alone protects its authorization codes."}
            </Row>
            <Row label="Token endpoint auth">
              {AUTH_METHOD_LABELS[client.tokenEndpointAuthMethod] ?? (
                <code className="font-mono">{client.tokenEndpointAuthMethod}</code>
              )}
            </Row>
            <Row label="Grant types">
              <CodeList items={client.grantTypes} empty="None" />
            </Row>
            <Row label="Redirect URIs">
              <CodeList
                items={client.redirectUris}
                empty={
                  client.flow === "client_credentials"
                    ? "None: a client-credentials client never redirects users."
                    : "None"
                }
              />
            </Row>
            <Row label="Allowed scopes">
              <CodeList items={client.allowedScopes} empty={ALL_SERVER_SCOPES} />
            </Row>
            <Row label="Description">{client.description || <None>None</None>}</Row>
            {client.clientUri ? (
              <Row label="Home page">
                <code className="font-mono text-xs break-all">{client.clientUri}</code>
              </Row>
            ) : null}
            <Row label="Consents">
              {!showsConsents(client) ? (
                <None>
                  None: a machine-to-machine client acts as itself, with its own credentials, so no user ever consents
                  to it.
                </None>
              ) : (
                plural(client.consentCount, "user", "users") + " granted access"
              )}
            </Row>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Activity</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-3">
            <Row label="Created">
              <LocalTime iso={client.createdAt} />
            </Row>
            <Row label="Updated">
              <LocalTime iso={client.updatedAt} />
            </Row>
            <Row label="Last used">
              {client.lastUsedAt ? <LocalTime iso={client.lastUsedAt} /> : <None>Never</None>}
            </Row>
            <Row label="Disabled">
              {client.disabledAt ? <LocalTime iso={client.disabledAt} /> : <None>No: the client is active</None>}
            </Row>
          </dl>
        </CardContent>
      </Card>
    </ClientPageShell>
  );
}
