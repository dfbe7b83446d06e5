// Logos of metadata-document clients, served from Gatehouse's own origin (CIMD-18): the consent
// screen never loads anything from a host the client chose. Public: a logo is no secret, and the
// consent screen shows it to users who are not dashboard members.
import { dbOf, type ServiceContext } from "../context";

export async function getClientLogo(
  ctx: ServiceContext,
  clientRowId: string,
): Promise<{ contentType: string; bytes: Uint8Array; fetchedAt: Date } | null> {
  if (!/^cli_[A-Za-z0-9_-]{1,64}$/.test(clientRowId)) return null;
  return dbOf(ctx).clientLogo.findUnique({
    where: { clientId: clientRowId },
    select: { contentType: true, bytes: true, fetchedAt: true },
  });
}
