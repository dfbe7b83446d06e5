import { AlertTriangle, ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ConsentForm } from "@/components/consent/consent-form";
import { ConsentScopes } from "@/components/consent/consent-scopes";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { allRedirectsAreLoopback } from "@/lib/oauth/redirect-uri";
import { ServiceError } from "@/lib/services";
import { getPendingAuthorization } from "@/lib/services/oauth/authorization";
import { switchAccountAction } from "./actions";

export const metadata: Metadata = { title: "Authorize application" };

function hostOf(uri: string): string {
  try {
    const url = new URL(uri);
    return url.host || `${url.protocol}${url.pathname}`;
  } catch {
    return uri;
  }
}

export default async function ConsentPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; requestId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, requestId } = await params;
  const here = `/oauth/${slug}/consent/${requestId}`;
  const user = await requireUser(here);
  let pending;
  try {
    pending = await getPendingAuthorization(slug, requestId, user);
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    const reference = newId("request");
    logger.warn("oauth.consent_refused", { requestId: reference, server: slug, error: err.message });
    return (
      <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center p-6">
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h1>This authorization cannot continue</h1>
            </CardTitle>
            <CardDescription className="break-words">{err.message}</CardDescription>
          </CardHeader>
          <CardContent className="border-t pt-4 text-sm text-muted-foreground">
            Request ID:{" "}
            <code id="request-id" className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs select-all">
              {reference}
            </code>
            <br />
            Quote it to your administrator: it finds this request in Gatehouse&apos;s log.
          </CardContent>
        </Card>
      </main>
    );
  }
  const asked = (await searchParams).ask === "1";
  if (pending.alreadyConsented && pending.prompt !== "consent" && pending.prompt !== "login" && !asked)
    redirect(`${here}/continue`);

  const selfRegistered = pending.client.registration !== "MANUAL";
  const localOnly = allRedirectsAreLoopback(pending.client.redirectUris);
  const awaitsApproval = pending.client.approvalStatus === "PENDING";
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center p-6">
      <Card>
        <CardHeader>
          <div className="flex items-center gap-3">
            {pending.client.logoUri?.startsWith("/") ? (
              // eslint-disable-next-line @next/next/no-img-element -- a logo served from our own origin
              <img src={pending.client.logoUri} alt="" className="size-10 rounded" />
            ) : (
              <div
                aria-hidden
                className="flex size-10 items-center justify-center rounded bg-muted text-lg font-semibold"
              >
                {pending.client.name.slice(0, 1).toUpperCase()}
              </div>
            )}
            <div>
              <CardTitle asChild>
                <h1>
                  {pending.client.name} wants to access {pending.server.name}
                </h1>
              </CardTitle>
              <CardDescription>It will act on your behalf.</CardDescription>
            </div>
          </div>
        </CardHeader>
        <CardContent className="grid gap-4">
          {selfRegistered && (
            <Badge variant="warning" className="w-fit">
              <ShieldAlert aria-hidden className="size-3.5" /> Unverified — registered itself
            </Badge>
          )}
          <dl className="grid gap-2 text-sm">
            {pending.client.registration === "METADATA_DOCUMENT" && (
              // AUTHZ-13, CIMD-17: the host that vouches for this client's name and redirect URIs.
              <div>
                <dt className="text-muted-foreground">Identified by a metadata document on</dt>
                <dd className="font-mono font-semibold break-all">{hostOf(pending.client.clientId)}</dd>
              </div>
            )}
            <div>
              <dt className="text-muted-foreground">After you answer, you return to</dt>
              <dd className="font-mono break-all">{hostOf(pending.redirectUri)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">MCP server</dt>
              <dd>
                {pending.server.name}{" "}
                <span className="font-mono text-xs break-all text-muted-foreground">{pending.server.resource}</span>
              </dd>
            </div>
          </dl>
          {localOnly && (
            <p role="note" className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
              <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
              This application receives your authorization on this computer (localhost). Only continue if you just
              started it yourself.
            </p>
          )}
          <ConsentScopes server={pending.server.name} requested={pending.scopes} granted={pending.grantedScopes} />
          {awaitsApproval ? (
            <p role="alert" className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
              <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
              {pending.client.name} awaits an administrator&apos;s approval. You cannot allow it until an administrator
              of {pending.server.name} has approved it; try again later.
            </p>
          ) : (
            <ConsentForm slug={slug} requestId={requestId} />
          )}
          <div className="flex flex-wrap items-center justify-between gap-2 border-t pt-3 text-sm text-muted-foreground">
            <span>
              Signed in as <strong className="text-foreground">{user.email}</strong>
            </span>
            <form action={switchAccountAction}>
              <input type="hidden" name="slug" value={slug} />
              <input type="hidden" name="requestId" value={requestId} />
              <Button type="submit" variant="link" size="sm" className="h-auto p-0">
                Not you? Sign out
              </Button>
            </form>
          </div>
          <p className="text-xs text-muted-foreground">
            You can revoke this access at any time in{" "}
            <Link href="/account/apps" className="underline">
              your authorized apps
            </Link>
            .
          </p>
        </CardContent>
      </Card>
    </main>
  );
}
