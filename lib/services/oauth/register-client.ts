// Dynamic Client Registration (RFC 7591) for an MCP server whose DCR is on. The new client is
// DYNAMIC ("Unverified — registered itself" on the consent screen) and appears in the Clients list.
import { generateClientId, generateClientSecret, hashSecret, lastFour } from "@/lib/oauth/client-credentials-secret";
import { jsonNoStore, OAuthError, oauthErrorResponse } from "@/lib/oauth/errors";
import { validateRegistration } from "@/lib/oauth/registration";
import { formatScope } from "@/lib/oauth/scope";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { requestMeta } from "@/lib/request-meta";
import { recordAudit } from "../audit/record-audit";
import { systemContext } from "../context";
import { withTx } from "../transaction";
import { loadOAuthServer } from "./oauth-server";

export async function registrationEndpoint(request: Request, slug: string): Promise<Response> {
  const ctx = systemContext("dcr", requestMeta(request.headers));
  const server = await loadOAuthServer(ctx, slug);
  if (!server || !server.dcrEnabled) return jsonNoStore({ error: "not_found", error_description: "Dynamic client registration is not enabled here." }, 404);
  try {
    const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") throw new OAuthError("invalid_client_metadata", "Send the client metadata as application/json.");
    const body: unknown = await request.json().catch(() => {
      throw new OAuthError("invalid_client_metadata", "The body is not valid JSON.");
    });
    const reg = validateRegistration(body, server.scopes.map((s) => s.name));
    const isConfidential = reg.tokenEndpointAuthMethod !== "none";
    const clientSecret = isConfidential ? generateClientSecret() : null;
    const clientId = generateClientId();
    const now = new Date();
    const metadata = {
      redirect_uris: reg.redirectUris,
      token_endpoint_auth_method: reg.tokenEndpointAuthMethod,
      grant_types: reg.grantTypes,
      response_types: reg.responseTypes,
      client_name: reg.clientName,
      ...(reg.clientUri ? { client_uri: reg.clientUri } : {}),
      ...(reg.logoUri ? { logo_uri: reg.logoUri } : {}),
      ...(reg.scopes.length > 0 ? { scope: formatScope(reg.scopes) } : {}),
      ...(reg.softwareId ? { software_id: reg.softwareId } : {}),
      ...(reg.softwareVersion ? { software_version: reg.softwareVersion } : {}),
      ...(reg.contacts.length > 0 ? { contacts: reg.contacts } : {}),
      application_type: reg.applicationType,
    };
    const row = await withTx(ctx, async (tx) => {
      const created = await tx.oAuthClient.create({
        data: {
          id: newId("client"),
          serverId: server.id,
          clientId,
          name: reg.clientName,
          clientUri: reg.clientUri ?? null,
          logoUri: reg.logoUri ?? null,
          registration: "DYNAMIC",
          isConfidential,
          tokenEndpointAuthMethod: reg.tokenEndpointAuthMethod,
          grantTypes: reg.grantTypes,
          redirectUris: reg.redirectUris,
          allowedScopes: reg.scopes,
          metadata: metadata as Prisma.InputJsonValue,
          secretHash: clientSecret ? hashSecret(clientSecret) : null,
          secretLast4: clientSecret ? lastFour(clientSecret) : null,
          secretCreatedAt: clientSecret ? now : null,
          createdByLabel: `Dynamic registration from ${ctx.ip ?? "unknown address"}`,
        },
        select: { id: true, createdAt: true },
      });
      await recordAudit(tx, ctx, {
        action: "client.registered",
        target: { type: "client", id: created.id, label: reg.clientName },
        serverId: server.id,
        details: { clientId, metadata },
      });
      return created;
    });
    return jsonNoStore(
      {
        client_id: clientId,
        client_id_issued_at: Math.floor(row.createdAt.getTime() / 1000),
        ...(clientSecret ? { client_secret: clientSecret, client_secret_expires_at: 0 } : {}),
        ...metadata,
      },
      201,
    );
  } catch (err) {
    if (err instanceof OAuthError) return oauthErrorResponse(err);
    logger.error("oauth.register.unexpected", { requestId: ctx.requestId, err });
    return jsonNoStore({ error: "server_error" }, 500);
  }
}
