import { generateClientId, generateClientSecret, hashSecret, lastFour } from "@/lib/oauth/client-credentials-secret";
import { CreateClientInput, flowFor } from "@/lib/schemas/clients";
import type { JWK } from "jose";
import { Prisma } from "@/lib/db/generated/prisma/client";
import { newId } from "@/lib/ids";
import { checkClientKeys } from "@/lib/oauth/client-jwks";
import { cimdTransport } from "../cimd/transport";
import { ValidationError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import { actorLabel, type ServiceContext } from "../context";
import { withTx } from "../transaction";
import { assertScopesOfServer } from "./allowed-scopes";
import { clientDtoSelect, clientSnapshot, toClientDto, type ClientDto } from "./client-dto";
import { findServerIdOrThrow } from "./find-client";

/** private_key_jwt keys as entered (a pasted JWKS may be JSON text); ValidationError when unusable. */
export function clientKeysInput(
  keyBased: boolean,
  jwks: string | Record<string, unknown> | undefined,
  jwksUri: string | undefined,
): { jwks: { keys: JWK[] } | null; jwksUri: string | null } {
  let parsed: unknown = typeof jwks === "string" ? undefined : jwks;
  if (typeof jwks === "string" && jwks.trim() !== "") {
    try {
      parsed = JSON.parse(jwks);
    } catch {
      throw new ValidationError("The JWKS is not valid JSON.", { jwks: ["The JWKS is not valid JSON."] });
    }
  }
  const t = cimdTransport();
  const checked = checkClientKeys(
    {
      method: keyBased ? "private_key_jwt" : "client_secret_basic",
      jwks: parsed,
      jwksUri: jwksUri?.trim() || undefined,
    },
    { allowHttp: t.allowHttp && t.allowLoopback },
  );
  if (!checked.ok)
    throw new ValidationError(checked.reason, {
      [/jwks_uri/.test(checked.reason) && !jwks ? "jwksUri" : "jwks"]: [checked.reason],
    });
  return { jwks: checked.jwks, jwksUri: checked.jwksUri };
}

export interface CreateClientResult {
  client: ClientDto;
  /** Shown once; only its hash is stored. Null for public clients. */
  clientSecret: string | null;
}

/**
 * Pre-registers a client. No redirect URI: a confidential machine-to-machine client
 * (client_credentials). One or more: authorization_code + refresh_token on behalf of users,
 * confidential with a secret by default, or public (PKCE only) when asked.
 */
export async function createClient({
  ctx,
  serverSlug,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: CreateClientInput | Record<string, unknown>;
}): Promise<CreateClientResult> {
  requirePermission(ctx, "clients.write");
  const v = CreateClientInput.parse(input);
  const flow = flowFor(v.redirectUris);
  const isPublic = flow === "authorization_code" && v.isPublic;
  const keyBased = !isPublic && v.authMethod === "private_key_jwt";
  const keys = clientKeysInput(keyBased, v.jwks, v.jwksUri);
  const clientSecret = isPublic || keyBased ? null : generateClientSecret();
  const now = new Date();
  const creator = actorLabel(ctx.actor);

  return withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const allowedScopes = assertScopesOfServer(v.allowedScopes, server.scopes);
    const row = await tx.oAuthClient.create({
      data: {
        id: newId("client"),
        serverId: server.id,
        clientId: generateClientId(),
        name: v.name,
        description: v.description,
        registration: "MANUAL",
        isConfidential: !isPublic,
        dpopBoundAccessTokens: v.dpopBoundAccessTokens,
        tokenEndpointAuthMethod: isPublic ? "none" : keyBased ? "private_key_jwt" : "client_secret_basic",
        jwks: keys.jwks ?? Prisma.DbNull,
        jwksUri: keys.jwksUri,
        grantTypes: flow === "client_credentials" ? ["client_credentials"] : ["authorization_code", "refresh_token"],
        redirectUris: v.redirectUris,
        allowedScopes,
        secretHash: clientSecret ? hashSecret(clientSecret) : null,
        secretLast4: clientSecret ? lastFour(clientSecret) : null,
        secretCreatedAt: clientSecret ? now : null,
        createdById: ctx.actor.type === "user" ? ctx.actor.userId : null,
        createdByLabel: creator.label,
      },
      select: clientDtoSelect,
    });
    const client = toClientDto(row);
    await recordAudit(tx, ctx, {
      action: "client.created",
      target: { type: "client", id: client.id, label: client.name },
      serverId: server.id,
      details: { clientId: client.clientId, registration: "MANUAL", after: clientSnapshot(client) },
    });
    return { client, clientSecret };
  });
}
