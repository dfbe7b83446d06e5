import type { Metadata } from "next";
import type { ReactNode } from "react";
import { CodeBlock } from "@/components/connect/code-block";
import {
  authorizationServerMetadataUrl,
  demoCurlSnippet,
  INSPECTOR_COMMAND,
  insufficientScopeChallenge,
  introspectionCurl,
  joseVerifySnippet,
  metadataJson,
  metadataUrlOf,
  unauthorizedChallenge,
  type ConnectTarget,
} from "@/components/connect/connect-snippets";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ServerTabs } from "@/components/servers/server-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { isDemoResource } from "@/lib/mcp/demo-endpoint";
import { loadServer } from "../load-server";

export const metadata: Metadata = { title: "Connect an MCP server" };

function formatSeconds(s: number): string {
  if (s % 3_600 === 0) return `${s / 3_600} hour${s === 3_600 ? "" : "s"}`;
  if (s % 60 === 0) return `${s / 60} minute${s === 60 ? "" : "s"}`;
  return `${s} seconds`;
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[14rem_1fr] sm:items-center">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-2 font-mono text-sm break-all">
        {value}
        <CopyButton value={value} label={label} />
      </dd>
    </div>
  );
}

function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>{title}</h2>
        </CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-4">{children}</CardContent>
    </Card>
  );
}

export default async function ConnectPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { server } = await loadServer(slug, `/servers/${slug}/connect`);
  const target: ConnectTarget = {
    slug: server.slug,
    name: server.name,
    issuer: server.issuer,
    resourceUrl: server.resourceUrl,
    scopes: server.scopes.map((s) => s.name),
  };
  const isDemo = isDemoResource({ slug: server.slug, resource: server.resourceUrl });
  const prmUrl = metadataUrlOf(target);

  return (
    <div className="space-y-6">
      <PageHeader
        title={server.name}
        description="Connect: what your MCP server needs to accept this server's access tokens."
      />
      <ServerTabs slug={server.slug} current="/connect" />

      <Section
        title="Authorization server"
        description="MCP clients find these from your MCP server's metadata; you rarely type them in."
      >
        <dl className="grid gap-3">
          <Row label="Issuer" value={server.issuer} />
          <Row label="Authorization server metadata" value={authorizationServerMetadataUrl(target)} />
          <Row label="Resource (token audience)" value={server.resourceUrl} />
        </dl>
      </Section>

      <Section
        title="Protected resource metadata"
        description={
          isDemo ? (
            <>Gatehouse serves this for its built-in demo server already, at the URL below.</>
          ) : (
            <>Your MCP server must serve this JSON, without authentication, at the URL below (RFC 9728).</>
          )
        }
      >
        <dl className="grid gap-3">
          <Row label="Serve it at" value={prmUrl} />
        </dl>
        <CodeBlock code={metadataJson(target)} label="protected resource metadata" />
        <p className="text-sm text-muted-foreground">
          <code className="font-mono">resource</code> must equal your MCP endpoint&apos;s URL exactly, and{" "}
          <code className="font-mono">authorization_servers</code> must name this issuer exactly: clients compare both
          byte for byte.
        </p>
      </Section>

      <Section
        title="Challenges"
        description="A request without a token must get 401 with this header, so that clients can discover Gatehouse. Send it on every 401."
      >
        <CodeBlock code={unauthorizedChallenge(target)} label="401 WWW-Authenticate header" />
        <p className="text-sm text-muted-foreground">
          For an invalid or expired token add <code className="font-mono">error=&quot;invalid_token&quot;</code>. When a
          valid token lacks a scope the call needs, answer 403 and list every scope the call needs:
        </p>
        <CodeBlock code={insufficientScopeChallenge(target)} label="403 WWW-Authenticate header" />
      </Section>

      <Section
        title="Verify access tokens"
        description="Access tokens are ES256-signed JWTs (RFC 9068). Check them locally, or ask Gatehouse."
      >
        <h3 className="text-sm font-medium">Locally, with jose</h3>
        <CodeBlock code={joseVerifySnippet(target)} label="jose verification code" />
        <p className="text-sm text-muted-foreground">
          Each token names its bit in this server&apos;s token status list (
          <code className="font-mono">status.status_list.uri</code>, a signed JWT refreshed every{" "}
          {formatSeconds(server.statusListTtl)}): check it too, and a revocation in Gatehouse reaches your server within{" "}
          {server.statusListTtl + 1} seconds. Without it, a locally verified token stays valid until it expires, at most{" "}
          {formatSeconds(server.accessTokenTtl)} for this server.
        </p>
        <h3 className="text-sm font-medium">With introspection (RFC 7662)</h3>
        <CodeBlock code={introspectionCurl(target)} label="introspection command" />
        <p className="text-sm text-muted-foreground">
          Authenticate as a confidential client of this MCP server. The answer is{" "}
          <code className="font-mono">{`{"active":false}`}</code> the moment a token, its consent or its client is
          revoked.
        </p>
      </Section>

      {isDemo ? (
        <Section
          title="Try the demo server"
          description="Gatehouse runs this MCP server itself, with the tools whoami and echo (mcp:tools) and, where the server defines mcp:admin, server_settings (step-up)."
        >
          <h3 className="text-sm font-medium">From MCP Inspector</h3>
          <CodeBlock code={INSPECTOR_COMMAND} label="MCP Inspector command" />
          <ol className="grid list-decimal gap-1 pl-5 text-sm text-muted-foreground">
            <li>
              Choose the transport <span className="font-medium text-foreground">Streamable HTTP</span> and enter the
              URL <code className="font-mono break-all text-foreground">{server.resourceUrl}</code>.
            </li>
            <li>
              Connect. The Inspector reads the 401 challenge, finds Gatehouse, registers itself
              {server.dcrEnabled ? "" : " (turn on dynamic client registration in Settings first)"} and sends you to
              sign in and consent.
            </li>
            <li>
              Open Tools and run <code className="font-mono">whoami</code>: it shows the token&apos;s subject, client,
              scopes and expiry.
            </li>
          </ol>
          <h3 className="text-sm font-medium">From any MCP client or the command line</h3>
          <p className="text-sm text-muted-foreground">
            Point the client at the URL above. Or create a client-credentials client under Clients and call a tool with
            its token:
          </p>
          <CodeBlock code={demoCurlSnippet(target)} label="demo server commands" />
        </Section>
      ) : null}
    </div>
  );
}
