import { AlertTriangle } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import type { MetadataDocumentStatusDto } from "@/lib/services";
import { RefreshMetadataForm } from "./refresh-metadata-form";

/**
 * A metadata-document (CIMD) client: who vouches for it (the host, shown prominently: CIMD-01
 * §6.4), the document as last fetched, when, and the last error. "Refresh now" fetches it again.
 */
export function MetadataDocumentCard({
  serverSlug,
  clientRowId,
  status,
  canRefresh,
}: {
  serverSlug: string;
  clientRowId: string;
  status: MetadataDocumentStatusDto;
  canRefresh: boolean;
}) {
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle asChild>
            <h2>Client ID Metadata Document</h2>
          </CardTitle>
          <CardDescription>
            This client describes itself in a document that Gatehouse fetches from its client ID URL.
          </CardDescription>
        </div>
        {canRefresh && <RefreshMetadataForm serverSlug={serverSlug} clientId={clientRowId} />}
      </CardHeader>
      <CardContent className="grid gap-4">
        <div>
          <p className="text-sm text-muted-foreground">Served by</p>
          <p className="font-mono text-2xl font-semibold break-all" data-testid="cimd-host">
            {status.host}
          </p>
        </div>
        <dl className="grid gap-3">
          <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-baseline">
            <dt className="text-sm text-muted-foreground">Document URL</dt>
            <dd className="flex min-w-0 items-center gap-2 text-sm">
              <code className="font-mono text-xs break-all">{status.documentUrl}</code>
              <CopyButton value={status.documentUrl} label="document URL" />
            </dd>
          </div>
          <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-baseline">
            <dt className="text-sm text-muted-foreground">Last fetched</dt>
            <dd className="text-sm" data-testid="cimd-fetched-at">
              {status.fetchedAt ? (
                <LocalTime iso={status.fetchedAt} />
              ) : (
                <span className="text-muted-foreground">Never</span>
              )}
            </dd>
          </div>
          <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-baseline">
            <dt className="text-sm text-muted-foreground">Cached until</dt>
            <dd className="text-sm">
              {status.expiresAt ? (
                <LocalTime iso={status.expiresAt} />
              ) : (
                <span className="text-muted-foreground">Not cached</span>
              )}
            </dd>
          </div>
          <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-baseline">
            <dt className="text-sm text-muted-foreground">Last error</dt>
            <dd className="text-sm break-words" data-testid="cimd-last-error">
              {status.lastError ? (
                <span className="flex gap-2 text-destructive">
                  <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
                  {status.lastError}
                </span>
              ) : (
                <span className="text-muted-foreground">None</span>
              )}
            </dd>
          </div>
          <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-baseline">
            <dt className="text-sm text-muted-foreground">Logo</dt>
            <dd className="text-sm">
              {status.hasLogo ? (
                "Fetched and served by Gatehouse"
              ) : (
                <span className="text-muted-foreground">None shown</span>
              )}
            </dd>
          </div>
        </dl>
        <div className="grid gap-2">
          <h3 className="text-sm font-medium">Fetched document</h3>
          {status.document ? (
            <pre
              aria-label="Fetched metadata document"
              className="max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs"
            >
              {JSON.stringify(status.document, null, 2)}
            </pre>
          ) : (
            <p className="text-sm text-muted-foreground">No document has been fetched successfully yet.</p>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
