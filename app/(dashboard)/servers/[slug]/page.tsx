import type { Metadata } from "next";
import { ServerTabs } from "@/components/servers/server-tabs";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { loadServer } from "./load-server";
import { DCR_MODE_LABELS } from "@/lib/schemas/dcr-policy";

export const metadata: Metadata = { title: "MCP server" };

function formatSeconds(s: number): string {
  if (s === 0) return "None";
  if (s % 86_400 === 0) return `${s / 86_400} day${s === 86_400 ? "" : "s"}`;
  if (s % 3_600 === 0) return `${s / 3_600} hour${s === 3_600 ? "" : "s"}`;
  if (s % 60 === 0) return `${s / 60} minute${s === 60 ? "" : "s"}`;
  return `${s} seconds`;
}

function Row({ label, value, copy }: { label: string; value: string; copy?: boolean }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-center">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-2 font-mono text-sm break-all">
        {value}
        {copy && <CopyButton value={value} label={label} />}
      </dd>
    </div>
  );
}

export default async function ServerPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { server } = await loadServer(slug, `/servers/${slug}`);
  return (
    <div className="space-y-6">
      <PageHeader title={server.name} description={server.description || undefined} />
      <ServerTabs slug={server.slug} current="" />
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Endpoints</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-3">
            <Row label="Resource URL" value={server.resourceUrl} copy />
            <Row label="Issuer" value={server.issuer} copy />
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Tokens and registration</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-3">
            <Row label="Access tokens live" value={formatSeconds(server.accessTokenTtl)} />
            <Row label="Refresh tokens live" value={formatSeconds(server.refreshTokenTtl)} />
            <Row label="Refresh grace window" value={formatSeconds(server.refreshGraceSeconds)} />
            <Row label="Status list cache time" value={formatSeconds(server.statusListTtl)} />
            <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-center">
              <dt className="text-sm text-muted-foreground">Dynamic registration</dt>
              <dd>
                <Badge variant={server.dcrEnabled ? "success" : "secondary"}>{DCR_MODE_LABELS[server.dcrMode]}</Badge>
                {server.dcrEnabled && (server.dcrRedirectPresets.length > 0 || server.dcrRedirectCustom.length > 0) ? (
                  <span className="ml-2 text-sm text-muted-foreground">redirect URIs restricted</span>
                ) : null}
                {server.dcrEnabled && server.dcrRequireApproval ? (
                  <span className="ml-2 text-sm text-muted-foreground">· admin approval</span>
                ) : null}
              </dd>
            </div>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Scopes</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {server.scopes.length === 0 ? (
            <p className="text-sm text-muted-foreground">No scopes. Add them in Settings.</p>
          ) : (
            <ul className="grid gap-2">
              {server.scopes.map((s) => (
                <li key={s.name} className="flex flex-wrap items-baseline gap-3">
                  <code className="rounded bg-muted px-1.5 py-0.5 text-sm">{s.name}</code>
                  <span className="text-sm text-muted-foreground">{s.description}</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
