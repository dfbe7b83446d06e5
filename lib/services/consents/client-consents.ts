// The Consents tab of a client: who consented, with what, and revocation by the security team.
import { z } from "zod";
import { RevokeConsentsBody } from "@/lib/schemas/consent-list";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { NotFoundError, ValidationError } from "../errors";
import { findClientOrThrow, findServerIdOrThrow } from "../clients/find-client";
import { loadOAuthServer } from "../oauth/oauth-server";
import { consentDtoOfRow, type ConsentDto } from "./consent-dto";
import { consentPage, searchUserIds, SEARCH_USER_LIMIT } from "./consent-page-sql";
import { revokeConsentsWhere, type RevokedConsent } from "./revoke-consents";
import { decodeCursorText, encodeCursor } from "../cursor";

export const CONSENTS_PAGE_SIZE = 25;

export const ConsentListFilter = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
});

export interface ConsentPageDto {
  consents: ConsentDto[];
  nextCursor: string | null;
}

function decodeCursor(raw: string | undefined): { at: Date; id: string } | undefined {
  const text = decodeCursorText(raw);
  if (text === undefined) return undefined;
  const [iso, id] = text.split("|");
  const at = iso ? new Date(iso) : undefined;
  return at && !Number.isNaN(at.getTime()) && id ? { at, id } : undefined;
}

export async function listClientConsents({
  ctx,
  serverSlug,
  clientId,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  clientId: string;
  input: unknown;
}): Promise<ConsentPageDto> {
  requirePermission(ctx, "consents.read");
  const f = ConsentListFilter.parse(input ?? {});
  const db = dbOf(ctx);
  // The server as the protocol endpoints read it (kept a second, emptied on every change).
  const server = await loadOAuthServer(ctx, serverSlug);
  if (!server) throw new NotFoundError("MCP server");
  const client = await findClientOrThrow(db, server.id, clientId);
  // The people matching a search first (trigram indexes on email and name), then their consents:
  // PostgreSQL otherwise walks the client's consents newest-first testing each user, which is slow
  // when a common search term matches only a few hundred of 100,000 users.
  const matches = f.q ? await searchUserIds(db, f.q, SEARCH_USER_LIMIT) : undefined;
  const after = decodeCursor(f.cursor);
  const rows = await consentPage(db, {
    clientRowId: client.id,
    ...(after ? { after } : {}),
    ...(matches && matches.length <= SEARCH_USER_LIMIT ? { userIds: matches } : {}),
    ...(matches && matches.length > SEARCH_USER_LIMIT ? { userSearch: f.q! } : {}),
    take: CONSENTS_PAGE_SIZE + 1,
    now: new Date(),
  });
  const more = rows.length > CONSENTS_PAGE_SIZE;
  const page = more ? rows.slice(0, CONSENTS_PAGE_SIZE) : rows;
  const last = page.at(-1);
  return {
    consents: page.map((row) => consentDtoOfRow(row, client, server)),
    nextCursor: more && last ? encodeCursor(`${last.granted_at}|${last.id}`) : null,
  };
}

export const RevokeClientConsentsInput = RevokeConsentsBody;

/** Revokes one or several consents of this client. */
export async function revokeClientConsents({
  ctx,
  serverSlug,
  clientId,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  clientId: string;
  input: unknown;
}): Promise<RevokedConsent[]> {
  requirePermission(ctx, "consents.revoke");
  const { consentIds } = RevokeClientConsentsInput.parse(input);
  const server = await findServerIdOrThrow(dbOf(ctx), serverSlug);
  const client = await findClientOrThrow(dbOf(ctx), server.id, clientId);
  return revokeConsentsWhere(ctx, { clientId: client.id, id: { in: consentIds } }, "revoked_by_admin");
}

/** "Revoke all consents": every user of this client must authorize again. Confirmed by the client's name. */
export async function revokeAllClientConsents({
  ctx,
  serverSlug,
  clientId,
  confirmName,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  clientId: string;
  confirmName: string;
}): Promise<RevokedConsent[]> {
  requirePermission(ctx, "consents.revoke");
  const server = await findServerIdOrThrow(dbOf(ctx), serverSlug);
  const client = await findClientOrThrow(dbOf(ctx), server.id, clientId);
  if (confirmName !== client.name) {
    const message = `Type the client's name, “${client.name}”, to confirm.`;
    throw new ValidationError(message, { confirmName: [message] });
  }
  return revokeConsentsWhere(ctx, { clientId: client.id }, "all_revoked_by_admin");
}
