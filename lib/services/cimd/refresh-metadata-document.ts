// The dashboard's view of a metadata-document client, and its "Refresh now" (fetch again even
// though the cached document is still fresh). Both are scoped to the MCP server in the URL.
import { ClientIdInput } from "@/lib/schemas/clients";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { NotFoundError, ValidationError } from "../errors";
import { withTx } from "../transaction";
import { findClientOrThrow } from "../clients/find-client";
import { loadOAuthServer } from "../oauth/oauth-server";
import { resolveMetadataDocumentClient } from "./resolve-metadata-document-client";

export interface MetadataDocumentStatusDto {
  /** The host that serves the document: who vouches for this client. */
  host: string;
  documentUrl: string;
  /** The document as last fetched successfully, or null before the first success. */
  document: Record<string, unknown> | null;
  fetchedAt: string | null;
  expiresAt: string | null;
  lastError: string | null;
  hasLogo: boolean;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export async function getMetadataDocumentStatus({
  ctx,
  serverSlug,
  clientId,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  clientId: string;
}): Promise<MetadataDocumentStatusDto | null> {
  requirePermission(ctx, "clients.read");
  const db = dbOf(ctx);
  const server = await db.mcpServer.findUnique({ where: { slug: serverSlug }, select: { id: true } });
  if (!server) throw new NotFoundError("MCP server");
  const row = await db.oAuthClient.findFirst({
    where: { serverId: server.id, OR: [{ id: clientId }, { clientId }] },
    select: {
      id: true,
      clientId: true,
      registration: true,
      metadata: true,
      cimdFetchedAt: true,
      cimdExpiresAt: true,
      cimdLastError: true,
    },
  });
  if (!row) throw new NotFoundError("Client");
  if (row.registration !== "METADATA_DOCUMENT") return null;
  const logo = await db.clientLogo.findUnique({ where: { clientId: row.id }, select: { clientId: true } });
  const document =
    row.metadata && typeof row.metadata === "object" && !Array.isArray(row.metadata)
      ? (row.metadata as Record<string, unknown>)
      : null;
  return {
    host: hostOf(row.clientId),
    documentUrl: row.clientId,
    document,
    fetchedAt: row.cimdFetchedAt?.toISOString() ?? null,
    expiresAt: row.cimdExpiresAt?.toISOString() ?? null,
    lastError: row.cimdLastError,
    hasLogo: logo !== null,
  };
}

export interface RefreshMetadataDocumentResult {
  ok: boolean;
  /** Why the fetch failed, in words for the client's developer. */
  error: string | null;
}

/** Fetches the document now (CIMD-16 allows it any time), and audits client.metadata_refreshed. */
export async function refreshMetadataDocument({
  ctx,
  serverSlug,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: { clientId: string };
}): Promise<RefreshMetadataDocumentResult> {
  requirePermission(ctx, "clients.write");
  const { clientId } = ClientIdInput.parse(input);
  const server = await loadOAuthServer({ ...ctx, db: dbOf(ctx) }, serverSlug);
  if (!server) throw new NotFoundError("MCP server");
  const client = await findClientOrThrow(dbOf(ctx), server.id, clientId);
  if (client.registration !== "METADATA_DOCUMENT")
    throw new ValidationError("Only clients identified by a metadata document can be refreshed.");
  const result = await resolveMetadataDocumentClient(ctx, server, client.clientId, { force: true });
  const error = result.ok ? null : result.description;
  await withTx(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "client.metadata_refreshed",
      target: { type: "client", id: client.id, label: client.name },
      serverId: server.id,
      details: { clientId: client.clientId, ok: result.ok, ...(error ? { error } : {}) },
    }),
  );
  return { ok: result.ok, error };
}
