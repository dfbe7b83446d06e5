// A URL client_id, resolved to a client row through its metadata document (checklist §4): the
// server's switch and host policy first (nothing is fetched for a refused host, CIMD-19), then the
// stored row while its document is fresh, else one fetch (CIMD-03, CIMD-16). The row is created on
// first use — the client appears in the Clients list as "CIMD" — and updated on every fetch; a
// change in a security-relevant member is audited (CIMD-20). Failures are never cached: the row
// keeps its last good document, the error is recorded, and the caller refuses the request.
import { processWide } from "@/lib/process-state";
import { Prisma } from "@/lib/db/generated/prisma/client";
import {
  changedDocumentFields,
  checkCimdTrust,
  checkMetadataDocumentUrl,
  CIMD_TRACKED_FIELDS,
  type MetadataDocument,
} from "@/lib/oauth/cimd";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { recordAudit } from "../audit/record-audit";
import { dbOf, type ServiceContext } from "../context";
import { uniqueViolationFields } from "../prisma-errors";
import { withTx } from "../transaction";
import { findOAuthClient, forgetOAuthClient, type OAuthClientRecord } from "../oauth/oauth-client";
import type { OAuthServer } from "../oauth/oauth-server";
import { fetchClientLogo, fetchMetadataDocument, type LogoFetch } from "./fetch-metadata-document";
import { cimdTransport } from "./transport";

export type CimdResolution =
  { ok: true; client: OAuthClientRecord; fetched: boolean } | { ok: false; title: string; description: string };

type CimdServer = Pick<OAuthServer, "id" | "cimd">;

/** Gatehouse's own URL for a stored logo; `v` changes with every fetch so browsers never show a stale one. */
export function clientLogoPath(clientRowId: string, fetchedAt: Date): string {
  return `/api/client-logos/${clientRowId}?v=${fetchedAt.getTime().toString(36)}`;
}

const inflight = processWide("cimd.inflight", () => new Map<string, Promise<CimdResolution>>());

/**
 * Resolves `clientId` (a URL) for `server`. `force` re-fetches even a fresh document (the
 * dashboard's "Refresh now"). Concurrent first uses in this process share one fetch.
 */
export async function resolveMetadataDocumentClient(
  ctx: ServiceContext,
  server: CimdServer,
  clientId: string,
  opts: { force?: boolean } = {},
): Promise<CimdResolution> {
  if (!server.cimd.enabled) {
    return {
      ok: false,
      title: "Client ID Metadata Documents are off",
      description:
        "This application identifies itself with a URL (a Client ID Metadata Document), which this MCP server does not accept. Its administrator can enable metadata documents in the server's settings.",
    };
  }
  const { allowHttp, allowLoopback } = cimdTransport();
  const url = checkMetadataDocumentUrl(clientId, { allowHttp: allowHttp && allowLoopback });
  if (!url.ok) return { ok: false, title: "Invalid client_id URL", description: url.reason };
  const trust = checkCimdTrust(url.host, server.cimd.trust, server.cimd.hosts);
  if (!trust.ok) return { ok: false, title: "Application not trusted", description: trust.reason };

  const existing = await findOAuthClient(ctx, server.id, clientId);
  if (existing && existing.registration !== "METADATA_DOCUMENT") return { ok: true, client: existing, fetched: false };
  if (existing && !opts.force && existing.cimdExpiresAt && existing.cimdExpiresAt > new Date())
    return { ok: true, client: existing, fetched: false };

  const key = `${server.id} ${clientId}`;
  const running = inflight.get(key);
  if (running && !opts.force) return running;
  const work = fetchAndStore(ctx, server, clientId, url.host).finally(() => inflight.delete(key));
  inflight.set(key, work);
  return work;
}

async function fetchAndStore(
  ctx: ServiceContext,
  server: CimdServer,
  clientId: string,
  host: string,
): Promise<CimdResolution> {
  const fetched = await fetchMetadataDocument(clientId);
  if (!fetched.ok) {
    logger.warn("cimd.fetch_failed", { server: server.id, clientId, reason: fetched.reason, requestId: ctx.requestId });
    // Not cached (CIMD-16): the row keeps its last good document and expiry; only the error is noted.
    await dbOf(ctx).oAuthClient.updateMany({
      where: { serverId: server.id, clientId, registration: "METADATA_DOCUMENT" },
      data: { cimdLastError: fetched.reason.slice(0, 1000) },
    });
    forgetOAuthClient(server.id, clientId);
    return { ok: false, title: "Client metadata document unusable", description: fetched.reason };
  }
  const doc = fetched.document;
  const logo: LogoFetch | null = doc.logoUri ? await fetchClientLogo(doc.logoUri) : null;
  if (logo && !logo.ok) logger.warn("cimd.logo_refused", { server: server.id, clientId, reason: logo.reason });
  const now = new Date();
  const expiresAt = new Date(now.getTime() + fetched.ttlSeconds * 1000);
  try {
    await store(ctx, server, clientId, host, doc, logo, now, expiresAt);
  } catch (err) {
    // Two processes stored the first fetch at once: the row exists now, store again as an update.
    if (!uniqueViolationFields(err)) throw err;
    await store(ctx, server, clientId, host, doc, logo, now, expiresAt);
  }
  forgetOAuthClient(server.id, clientId);
  const client = await findOAuthClient(ctx, server.id, clientId);
  if (!client) throw new Error("The metadata-document client vanished while it was stored.");
  return { ok: true, client, fetched: true };
}

function tracked(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(CIMD_TRACKED_FIELDS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
}

async function store(
  ctx: ServiceContext,
  server: CimdServer,
  clientId: string,
  host: string,
  doc: MetadataDocument,
  logo: LogoFetch | null,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await withTx(ctx, async (tx) => {
    const current = await tx.oAuthClient.findUnique({
      where: { serverId_clientId: { serverId: server.id, clientId } },
      select: { id: true, metadata: true, registration: true },
    });
    if (current && current.registration !== "METADATA_DOCUMENT") return;
    const rowId = current?.id ?? newId("client");
    const fields = {
      name: doc.clientName,
      logoUri: logo?.ok ? clientLogoPath(rowId, now) : null,
      clientUri: doc.clientUri,
      redirectUris: doc.redirectUris,
      // private_key_jwt (from the document): confidential, authenticated by its keys.
      isConfidential: doc.tokenEndpointAuthMethod === "private_key_jwt",
      tokenEndpointAuthMethod: doc.tokenEndpointAuthMethod,
      jwks: doc.jwks ?? Prisma.DbNull,
      jwksUri: doc.jwksUri,
      metadata: doc.raw as Prisma.InputJsonValue,
      softwareId: typeof doc.raw.software_id === "string" ? doc.raw.software_id.slice(0, 200) : null,
      cimdFetchedAt: now,
      cimdExpiresAt: expiresAt,
      cimdLastError:
        logo && !logo.ok ? `The document is fine, but its logo is not shown: ${logo.reason}`.slice(0, 1000) : null,
    };
    if (!current) {
      await tx.oAuthClient.create({
        data: {
          id: rowId,
          serverId: server.id,
          clientId,
          registration: "METADATA_DOCUMENT",
          grantTypes: ["authorization_code", "refresh_token"],
          allowedScopes: [],
          ...fields,
        },
      });
      await recordAudit(tx, ctx, {
        action: "client.registered",
        target: { type: "client", id: rowId, label: doc.clientName },
        serverId: server.id,
        details: { registration: "METADATA_DOCUMENT", clientId, host, after: tracked(doc.raw) },
      });
    } else {
      await tx.oAuthClient.update({ where: { id: rowId }, data: fields });
      const before = (current.metadata ?? {}) as Record<string, unknown>;
      const changed = changedDocumentFields(before, doc.raw);
      if (changed.length > 0) {
        await recordAudit(tx, ctx, {
          action: "client.metadata_changed",
          target: { type: "client", id: rowId, label: doc.clientName },
          serverId: server.id,
          details: { clientId, host, changed, before: tracked(before), after: tracked(doc.raw) },
        });
      }
    }
    if (logo?.ok) {
      // Raw SQL with decode(): the PGlite driver adapter rejects Prisma's Bytes parameters
      // ("Invalid input for bytea type"); base64 text works on PGlite and PostgreSQL alike.
      const b64 = logo.bytes.toString("base64");
      await tx.$executeRaw`
        INSERT INTO "ClientLogo" ("clientId", "contentType", "bytes", "fetchedAt")
        VALUES (${rowId}, ${logo.contentType}, decode(${b64}, 'base64'), ${now})
        ON CONFLICT ("clientId") DO UPDATE SET "contentType" = EXCLUDED."contentType", "bytes" = EXCLUDED."bytes", "fetchedAt" = EXCLUDED."fetchedAt"`;
    } else {
      await tx.clientLogo.deleteMany({ where: { clientId: rowId } });
    }
  });
}
