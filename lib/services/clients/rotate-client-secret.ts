import { generateClientSecret, hashSecret, lastFour } from "@/lib/oauth/client-credentials-secret";
import { RotateClientSecretInput, SECRET_GRACE_PERIODS } from "@/lib/schemas/clients";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { ValidationError } from "../errors";
import { withTx } from "../transaction";
import { clientDtoSelect, toClientDto, type ClientDto } from "./client-dto";
import { findClientOrThrow, findServerIdOrThrow } from "./find-client";

/**
 * Issues a new secret (shown once). The previous one keeps working for the chosen grace period,
 * so deployments can roll over without downtime; "none" revokes it at once. A secret still in an
 * earlier grace window is dropped: at most two secrets work at any time.
 */
export async function rotateClientSecret({
  ctx,
  serverSlug,
  input,
  now = new Date(),
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: RotateClientSecretInput;
  now?: Date;
}): Promise<{ client: ClientDto; clientSecret: string }> {
  requirePermission(ctx, "clients.write");
  const { clientId, gracePeriod } = RotateClientSecretInput.parse(input);
  const clientSecret = generateClientSecret();
  const graceSeconds = SECRET_GRACE_PERIODS[gracePeriod];
  return withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const current = await findClientOrThrow(tx, server.id, clientId);
    const stored = await tx.oAuthClient.findUniqueOrThrow({
      where: { id: current.id },
      select: { secretHash: true, isConfidential: true },
    });
    if (!stored.isConfidential || !stored.secretHash)
      throw new ValidationError("This is a public client: it has no secret to rotate.");
    const keepPrevious = graceSeconds > 0;
    const previousExpiresAt = keepPrevious ? new Date(now.getTime() + graceSeconds * 1000) : null;
    const row = await tx.oAuthClient.update({
      where: { id: current.id },
      data: {
        secretHash: hashSecret(clientSecret),
        secretLast4: lastFour(clientSecret),
        secretCreatedAt: now,
        previousSecretHash: keepPrevious ? stored.secretHash : null,
        previousSecretLast4: keepPrevious ? current.secretLast4 : null,
        previousSecretExpiresAt: previousExpiresAt,
      },
      select: clientDtoSelect,
    });
    const client = toClientDto(row, now);
    await recordAudit(tx, ctx, {
      action: "client.secret_rotated",
      target: { type: "client", id: client.id, label: client.name },
      serverId: server.id,
      details: {
        clientId: client.clientId,
        gracePeriod,
        previousSecretWorksUntil: previousExpiresAt?.toISOString() ?? null,
      },
    });
    return { client, clientSecret };
  });
}
