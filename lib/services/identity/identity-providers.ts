// Settings → Identity providers: add, change, remove and test upstream OIDC providers. Owners and
// admins only (settings.write); every change is audited without the secret, which is sealed at
// rest and never returned.
import { seal, unseal } from "@/lib/crypto/seal";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { checkIssuerUrl, IdpError, testIdpConnection, type ConnectionCheck } from "@/lib/identity/oidc-client";
import { newId } from "@/lib/ids";
import { IdentityProviderInput, type IdentityProviderInput as ProviderInput } from "@/lib/schemas/identity-providers";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { uniqueViolationFields } from "../prisma-errors";
import { withTx } from "../transaction";
import { idpTransport, providerSelect, toProviderDto, type IdentityProviderDto } from "./provider-dto";

export const SECRET_PURPOSE = "idp-client-secret";

function parseInput(input: ProviderInput) {
  const values = IdentityProviderInput.parse(input);
  try {
    checkIssuerUrl(values.issuer, idpTransport().allowHttpLoopback);
  } catch (err) {
    if (err instanceof IdpError) throw new ValidationError(err.message, { issuer: [err.message] });
    throw err;
  }
  if (values.roleMappings.some((m) => m.role === "OWNER"))
    throw new ValidationError("Owners are managed in Gatehouse, not by IdP groups.", {
      roleMappings: ["Map groups to ADMIN, SECURITY, DEVELOPER or VIEWER; owners are managed in Gatehouse."],
    });
  if (values.roleMappings.length > 0 && !values.groupsClaim)
    throw new ValidationError("Name the groups claim to map groups to roles.", {
      groupsClaim: ["Name the claim that lists the user's groups."],
    });
  if (values.routeDomains && values.allowedDomains.length === 0)
    throw new ValidationError("List the domains to route here.", {
      allowedDomains: ["Email-first routing needs at least one domain."],
    });
  return values;
}

function auditSnapshot(p: IdentityProviderDto) {
  const { callbackUrl: _c, createdAt: _a, updatedAt: _u, ...safe } = p;
  return safe;
}

function onConflict(err: unknown): never {
  if (uniqueViolationFields(err))
    throw new ConflictError("Another identity provider uses this slug.", { slug: ["This slug is taken."] });
  throw err;
}

export async function listIdentityProviders({ ctx }: { ctx: ServiceContext }): Promise<IdentityProviderDto[]> {
  requirePermission(ctx, "settings.write");
  const rows = await dbOf(ctx).identityProvider.findMany({ select: providerSelect, orderBy: { createdAt: "asc" } });
  return rows.map(toProviderDto);
}

export async function getIdentityProvider({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { providerId: string };
}): Promise<IdentityProviderDto> {
  requirePermission(ctx, "settings.write");
  const row = await dbOf(ctx).identityProvider.findUnique({ where: { id: input.providerId }, select: providerSelect });
  if (!row) throw new NotFoundError("The identity provider");
  return toProviderDto(row);
}

export async function createIdentityProvider({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ProviderInput;
}): Promise<IdentityProviderDto> {
  requirePermission(ctx, "settings.write");
  const { clientSecret, clearSecret: _clear, roleMappings, ...values } = parseInput(input);
  try {
    return await withTx(ctx, async (tx) => {
      const row = await tx.identityProvider.create({
        data: {
          id: newId("identityProvider"),
          ...values,
          roleMappings: roleMappings as unknown as Prisma.InputJsonValue,
          clientSecretSealed: clientSecret ? seal(SECRET_PURPOSE, clientSecret) : null,
        },
        select: providerSelect,
      });
      const dto = toProviderDto(row);
      await recordAudit(tx, ctx, {
        action: "identity_provider.created",
        target: { type: "identity_provider", id: row.id, label: row.label },
        details: { after: auditSnapshot(dto) },
      });
      return dto;
    });
  } catch (err) {
    onConflict(err);
  }
}

export async function updateIdentityProvider({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ProviderInput & { providerId: string };
}): Promise<IdentityProviderDto> {
  requirePermission(ctx, "settings.write");
  const { clientSecret, clearSecret, roleMappings, ...values } = parseInput(input);
  try {
    return await withTx(ctx, async (tx) => {
      const before = await tx.identityProvider.findUnique({ where: { id: input.providerId }, select: providerSelect });
      if (!before) throw new NotFoundError("The identity provider");
      const row = await tx.identityProvider.update({
        where: { id: before.id },
        data: {
          ...values,
          roleMappings: roleMappings as unknown as Prisma.InputJsonValue,
          // Empty keeps the stored secret: it never travels back to the browser to be re-sent.
          ...(clientSecret
            ? { clientSecretSealed: seal(SECRET_PURPOSE, clientSecret) }
            : clearSecret
              ? { clientSecretSealed: null }
              : {}),
        },
        select: providerSelect,
      });
      const dto = toProviderDto(row);
      await recordAudit(tx, ctx, {
        action: "identity_provider.updated",
        target: { type: "identity_provider", id: row.id, label: row.label },
        details: {
          before: auditSnapshot(toProviderDto(before)),
          after: auditSnapshot(dto),
          secretChanged: Boolean(clientSecret) || (clearSecret && before.clientSecretSealed !== null),
        },
      });
      return dto;
    });
  } catch (err) {
    onConflict(err);
  }
}

/** Removes the provider and its linked identities; the users stay (they may have other ways in). */
export async function deleteIdentityProvider({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { providerId: string };
}): Promise<void> {
  requirePermission(ctx, "settings.write");
  await withTx(ctx, async (tx) => {
    const row = await tx.identityProvider.findUnique({ where: { id: input.providerId }, select: providerSelect });
    if (!row) throw new NotFoundError("The identity provider");
    const identities = await tx.userIdentity.count({ where: { providerId: row.id } });
    await tx.identityProvider.delete({ where: { id: row.id } });
    await recordAudit(tx, ctx, {
      action: "identity_provider.deleted",
      target: { type: "identity_provider", id: row.id, label: row.label },
      details: { before: auditSnapshot(toProviderDto(row)), unlinkedIdentities: identities },
    });
  });
}

/** "Test connection" for a saved provider: discovery, endpoints, PKCE, JWKS, in words. */
export async function testIdentityProvider({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { providerId: string };
}): Promise<ConnectionCheck[]> {
  requirePermission(ctx, "settings.write");
  const row = await dbOf(ctx).identityProvider.findUnique({ where: { id: input.providerId } });
  if (!row) throw new NotFoundError("The identity provider");
  return testIdpConnection(
    {
      issuer: row.issuer,
      clientId: row.clientId,
      clientSecret: row.clientSecretSealed ? unseal(SECRET_PURPOSE, row.clientSecretSealed) : null,
    },
    idpTransport(),
  );
}
