// The client behind a client_id, for /authorize and the token, revocation and introspection
// endpoints: a URL goes through its metadata document (lib/services/cimd), anything else is a
// stored registration.
import { looksLikeMetadataDocumentUrl } from "@/lib/oauth/cimd";
import type { ServiceContext } from "../context";
import { resolveMetadataDocumentClient } from "../cimd/resolve-metadata-document-client";
import { cimdTransport } from "../cimd/transport";
import { findOAuthClient, type OAuthClientRecord } from "./oauth-client";
import type { OAuthServer } from "./oauth-server";

/** `client: null` is "no such client"; `ok: false` is a metadata document that cannot be used, with why. */
export type ClientResolution =
  { ok: true; client: OAuthClientRecord | null } | { ok: false; title: string; description: string };

export async function resolveOAuthClient(
  ctx: ServiceContext,
  server: Pick<OAuthServer, "id" | "cimd">,
  clientId: string,
): Promise<ClientResolution> {
  const t = cimdTransport();
  if (looksLikeMetadataDocumentUrl(clientId, { allowHttp: t.allowHttp && t.allowLoopback }))
    return resolveMetadataDocumentClient(ctx, server, clientId);
  return { ok: true, client: await findOAuthClient(ctx, server.id, clientId) };
}
