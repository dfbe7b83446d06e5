import { flowFor, UpdateClientInput } from "@/lib/schemas/clients";
import { Prisma } from "@/lib/db/generated/prisma/client";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { ValidationError } from "../errors";
import { withTx } from "../transaction";
import { assertScopesOfServer } from "./allowed-scopes";
import { clientKeysInput } from "./create-client";
import { clientDtoSelect, clientSnapshot, toClientDto, type ClientDto } from "./client-dto";
import { findClientOrThrow, findServerIdOrThrow } from "./find-client";

/**
 * Edits name, description, redirect URIs and allowed scopes. The flow stays what it is: a
 * client-credentials client gets no redirect URIs, an authorization-code client keeps at least one.
 */
export async function updateClient({
  ctx,
  serverSlug,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: UpdateClientInput | Record<string, unknown>;
}): Promise<ClientDto> {
  requirePermission(ctx, "clients.write");
  const v = UpdateClientInput.parse(input);
  return withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const before = toClientDto(await findClientOrThrow(tx, server.id, v.clientId));
    if (before.registration !== "MANUAL") {
      throw new ValidationError(
        "Only pre-registered clients are edited here; self-registered clients own their metadata.",
      );
    }
    if (before.flow !== flowFor(v.redirectUris)) {
      const message =
        before.flow === "client_credentials"
          ? "A client-credentials client has no redirect URIs. Create an authorization-code client instead."
          : "An authorization-code client needs at least one redirect URI.";
      throw new ValidationError(message, { redirectUris: [message] });
    }
    const allowedScopes = assertScopesOfServer(v.allowedScopes, server.scopes);
    // Key rotation for private_key_jwt clients: new keys replace the old ones at once.
    const keysGiven = Boolean(v.jwks) || Boolean(v.jwksUri?.trim());
    if (keysGiven && before.tokenEndpointAuthMethod !== "private_key_jwt")
      throw new ValidationError("Only private_key_jwt clients have registered keys.");
    const keys = keysGiven ? clientKeysInput(true, v.jwks, v.jwksUri) : undefined;
    const row = await tx.oAuthClient.update({
      where: { id: before.id },
      data: {
        name: v.name,
        description: v.description,
        redirectUris: v.redirectUris,
        allowedScopes,
        ...(keys ? { jwks: keys.jwks ?? Prisma.DbNull, jwksUri: keys.jwksUri } : {}),
        ...(v.dpopBoundAccessTokens !== undefined ? { dpopBoundAccessTokens: v.dpopBoundAccessTokens } : {}),
      },
      select: clientDtoSelect,
    });
    const after = toClientDto(row);
    await recordAudit(tx, ctx, {
      action: "client.updated",
      target: { type: "client", id: after.id, label: after.name },
      serverId: server.id,
      details: { clientId: after.clientId, before: clientSnapshot(before), after: clientSnapshot(after) },
    });
    return after;
  });
}
