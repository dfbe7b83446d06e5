// The SCIM Users verbs (RFC 7644 §3): the caller is a SCIM token, which names its identity
// provider; every verb sees and changes only the users that provider provisions. Each change runs
// in one transaction with its audit event; `active:false` and DELETE go through deprovisioning
// (every consent and refresh-token family revoked, sessions ended), re-activation restores sign-in.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { newId } from "@/lib/ids";
import { ScimError, invalidValue } from "@/lib/scim/errors";
import type { FilterCondition } from "@/lib/scim/filter";
import type { Paging } from "@/lib/scim/list";
import { applyPatch } from "@/lib/scim/patch";
import { displayNameOf, parseUserResource, stateOf, type ScimUserRecord, type ScimUserState } from "@/lib/scim/user";
import { recordAudit } from "../audit/record-audit";
import { dbOf, type ServiceContext } from "../context";
import { uniqueViolationFields } from "../prisma-errors";
import { withTx } from "../transaction";
import { deprovisionUserInTx, reactivateUserInTx } from "../users/deprovision-user";
import type { ScimCaller } from "./scim-tokens";

export const scimUserSelect = {
  id: true,
  email: true,
  name: true,
  givenName: true,
  familyName: true,
  disabledAt: true,
  scimExternalId: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The audit actor of SCIM requests: the provider, with the token in the details. */
export function scimContext(
  caller: ScimCaller,
  meta: { requestId: string; ip?: string | null; userAgent?: string | null },
): ServiceContext {
  return { actor: { type: "system", label: `SCIM · ${caller.provider.label}` }, ...meta };
}

/** What every verb on one user gets: who calls, and which user. */
export interface ScimUserArgs {
  ctx: ServiceContext;
  caller: ScimCaller;
  userId: string;
}

const notFound = () => new ScimError(404, "No such user at this identity provider.");

function conflictOn(err: unknown): never {
  if (uniqueViolationFields(err)) throw new ScimError(409, "Another user has this userName.", "uniqueness");
  throw err;
}

function checkDomain(caller: ScimCaller, email: string): void {
  const domains = caller.provider.allowedDomains;
  if (domains.length > 0 && !domains.includes(email.split("@")[1] ?? ""))
    throw invalidValue(`userName's domain is not one of this identity provider's allowed domains.`);
}

function columnsOf(s: ScimUserState) {
  return {
    email: s.userName,
    name: displayNameOf(s),
    givenName: s.givenName,
    familyName: s.familyName,
    scimExternalId: s.externalId,
  };
}

function whereOf(caller: ScimCaller, filter: FilterCondition[]): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [{ scimProviderId: caller.provider.id }];
  for (const c of filter) {
    if (c.attribute === "active") and.push({ disabledAt: c.value ? null : { not: null } });
    else if (c.attribute === "id") and.push({ id: String(c.value) });
    else if (c.attribute === "externalId") and.push({ scimExternalId: String(c.value) });
    // userName and emails.value are the email, stored lower-cased (RFC 7643: userName caseExact false).
    else and.push({ email: String(c.value).trim().toLowerCase() });
  }
  return { AND: and };
}

export async function listScimUsers({
  ctx,
  caller,
  filter,
  paging,
}: {
  ctx: ServiceContext;
  caller: ScimCaller;
  filter: FilterCondition[];
  paging: Paging;
}): Promise<{ users: ScimUserRecord[]; totalResults: number }> {
  const db = dbOf(ctx);
  const where = whereOf(caller, filter);
  const orderBy = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  // Two steps: the page's ids first — an index-only scan of (scimProviderId, createdAt, id), so a
  // deep startIndex skips index entries, not table rows — then those rows.
  const [totalResults, page] = await Promise.all([
    db.user.count({ where }),
    paging.count === 0
      ? Promise.resolve([])
      : db.user.findMany({ where, select: { id: true }, orderBy, skip: paging.startIndex - 1, take: paging.count }),
  ]);
  const rows =
    page.length === 0
      ? []
      : await db.user.findMany({ where: { id: { in: page.map((r) => r.id) } }, select: scimUserSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const users = page.flatMap((r) => byId.get(r.id) ?? []);
  return { users, totalResults };
}

export async function getScimUser({ ctx, caller, userId }: ScimUserArgs): Promise<ScimUserRecord> {
  const user = await dbOf(ctx).user.findFirst({
    where: { id: userId, scimProviderId: caller.provider.id },
    select: scimUserSelect,
  });
  if (!user) throw notFound();
  return user;
}

/**
 * POST /Users. An existing Gatehouse end user with that email who is not provisioned by another
 * provider and holds no staff role is adopted (the IdP takes over the account people already use);
 * anyone else with that email is a 409 uniqueness.
 */
export async function createScimUser({
  ctx,
  caller,
  body,
}: {
  ctx: ServiceContext;
  caller: ScimCaller;
  body: unknown;
}): Promise<ScimUserRecord> {
  const state = parseUserResource(body);
  checkDomain(caller, state.userName);
  return withTx(ctx, async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email: state.userName },
      select: { id: true, role: true, scimProviderId: true },
    });
    if (existing && (existing.role !== null || existing.scimProviderId !== null))
      throw new ScimError(409, "A user with this userName already exists.", "uniqueness");
    let userId: string;
    if (existing) {
      userId = existing.id;
      await tx.user.update({
        where: { id: userId },
        data: { ...columnsOf(state), scimProviderId: caller.provider.id },
      });
    } else {
      userId = newId("user");
      await tx.user
        .create({ data: { id: userId, ...columnsOf(state), scimProviderId: caller.provider.id } })
        .catch(conflictOn);
    }
    await recordAudit(tx, ctx, {
      action: "scim_user.created",
      target: { type: "user", id: userId, label: state.userName },
      details: {
        providerId: caller.provider.id,
        scimTokenId: caller.tokenId,
        externalId: state.externalId,
        adopted: existing !== null,
      },
    });
    if (!state.active) await deprovisionUserInTx(tx, ctx, userId, "scim_deactivated");
    else if (existing) await reactivateUserInTx(tx, ctx, userId);
    return tx.user.findUniqueOrThrow({ where: { id: userId }, select: scimUserSelect });
  });
}

/** Locks the provider's user for this transaction: concurrent PATCHes apply one after the other. */
async function lockUser(tx: Prisma.TransactionClient, caller: ScimCaller, userId: string): Promise<ScimUserRecord> {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "User" WHERE "id" = ${userId} AND "scimProviderId" = ${caller.provider.id} FOR UPDATE`;
  if (locked.length === 0) throw notFound();
  return tx.user.findUniqueOrThrow({ where: { id: userId }, select: scimUserSelect });
}

async function applyState(
  tx: Prisma.TransactionClient,
  ctx: ServiceContext,
  caller: ScimCaller,
  before: ScimUserRecord,
  after: ScimUserState,
): Promise<ScimUserRecord> {
  const was = stateOf(before);
  if (after.userName !== was.userName) checkDomain(caller, after.userName);
  const changed = (Object.keys(after) as (keyof ScimUserState)[]).filter((k) => k !== "active" && after[k] !== was[k]);
  if (changed.length > 0) {
    await tx.user.update({ where: { id: before.id }, data: columnsOf(after) }).catch(conflictOn);
    await recordAudit(tx, ctx, {
      action: "scim_user.updated",
      target: { type: "user", id: before.id, label: after.userName },
      details: { providerId: caller.provider.id, scimTokenId: caller.tokenId, changed },
    });
  }
  if (was.active && !after.active) await deprovisionUserInTx(tx, ctx, before.id, "scim_deactivated");
  if (!was.active && after.active) await reactivateUserInTx(tx, ctx, before.id);
  return tx.user.findUniqueOrThrow({ where: { id: before.id }, select: scimUserSelect });
}

/** PUT /Users/{id}: the body replaces every attribute Gatehouse keeps. */
export async function replaceScimUser({
  ctx,
  caller,
  userId,
  body,
}: ScimUserArgs & { body: unknown }): Promise<ScimUserRecord> {
  const state = parseUserResource(body);
  return withTx(ctx, async (tx) => applyState(tx, ctx, caller, await lockUser(tx, caller, userId), state));
}

/** PATCH /Users/{id}. */
export async function patchScimUser({
  ctx,
  caller,
  userId,
  body,
}: ScimUserArgs & { body: unknown }): Promise<ScimUserRecord> {
  return withTx(ctx, async (tx) => {
    const before = await lockUser(tx, caller, userId);
    return applyState(tx, ctx, caller, before, applyPatch(stateOf(before), body));
  });
}

/**
 * DELETE /Users/{id}: deprovisioned, and no longer this provider's (a later GET is 404, RFC 7644
 * §3.6). The account stays, disabled, so its audit history keeps its subject.
 */
export async function deleteScimUser({ ctx, caller, userId }: ScimUserArgs): Promise<void> {
  await withTx(ctx, async (tx) => {
    const before = await lockUser(tx, caller, userId);
    await deprovisionUserInTx(tx, ctx, userId, "scim_deleted");
    await tx.user.update({ where: { id: userId }, data: { scimProviderId: null, scimExternalId: null } });
    await recordAudit(tx, ctx, {
      action: "scim_user.deleted",
      target: { type: "user", id: userId, label: before.email },
      details: { providerId: caller.provider.id, scimTokenId: caller.tokenId },
    });
  });
}
