// Sign-in through an upstream OIDC provider, in three steps:
// 1. startUpstreamLogin: a PendingLogin row (state hash, nonce, sealed PKCE verifier, where to go
//    back to — e.g. the MCP consent screen) and the IdP's authorization URL;
// 2. finishUpstreamLogin at the callback: claims the row once, lets openid-client validate the
//    response and ID token, then links or creates the user and applies group → role mappings, and
//    swaps the row for a one-time login ticket (2 minutes);
// 3. redeemLoginTicket, called by the Auth.js "sso" provider: the only way the ticket becomes a
//    normal session, exactly as a password sign-in does.
// Any refusal deletes the row and creates nothing but the audit event.
import { createHash, randomBytes } from "node:crypto";
import { ROLES } from "@/lib/auth/permissions";
import { seal, unseal } from "@/lib/crypto/seal";
import { domainAllowed, readPerson, roleFromGroups } from "@/lib/identity/claims";
import { buildLoginRequest, completeLogin, discoverIdp, IdpError } from "@/lib/identity/oidc-client";
import type { SsoRefusal } from "@/lib/identity/refusals";
import { newId, randomToken } from "@/lib/ids";
import { safeReturnPath } from "@/lib/schemas/auth";
import { recordAudit } from "../audit/record-audit";
import { dbOf, type ServiceContext } from "../context";
import { NotFoundError, ServiceError } from "../errors";
import { withTx } from "../transaction";
import type { AuthenticatedUser } from "../users/authenticate-user";
import { idpTransport, identityCallbackUrl, roleMappingsOf } from "./provider-dto";
import { findOrCreateProviderUser, ProviderUserRefusal } from "./provider-user";
import { SECRET_PURPOSE } from "./identity-providers";

const PENDING_TTL_MS = 10 * 60_000;
const TICKET_TTL_MS = 2 * 60_000;
const VERIFIER_PURPOSE = "pending-login-verifier";
const TICKET_PREFIX = "ghl_";

const sha256 = (v: string) => createHash("sha256").update(v, "utf8").digest("hex");

export class SsoRefusedError extends ServiceError {
  constructor(
    readonly reason: SsoRefusal,
    message: string,
    /** Where the person was going, so the refusal page can offer "back to sign-in". */
    readonly returnTo = "/",
  ) {
    super("UNAUTHENTICATED", message);
    this.name = "SsoRefusedError";
  }
}

type ProviderRow = NonNullable<Awaited<ReturnType<ReturnType<typeof dbOf>["identityProvider"]["findUnique"]>>>;

async function configFor(provider: ProviderRow) {
  return discoverIdp(
    {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecretSealed ? unseal(SECRET_PURPOSE, provider.clientSecretSealed) : null,
    },
    idpTransport(),
  );
}

export async function startUpstreamLogin({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; returnTo?: string | null; loginHint?: string | null };
}): Promise<{ url: string }> {
  const db = dbOf(ctx);
  const provider = await db.identityProvider.findUnique({ where: { slug: input.slug } });
  if (!provider?.enabled) throw new NotFoundError("The identity provider");
  const start = await buildLoginRequest(
    await configFor(provider),
    identityCallbackUrl(provider.slug),
    provider.scopes,
    input.loginHint ?? undefined,
  );
  await db.pendingLogin.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.pendingLogin.create({
    data: {
      id: newId("pendingLogin"),
      stateHash: sha256(start.state),
      providerId: provider.id,
      nonce: start.nonce,
      codeVerifierSealed: seal(VERIFIER_PURPOSE, start.codeVerifier),
      returnTo: safeReturnPath(input.returnTo, "/"),
      expiresAt: new Date(Date.now() + PENDING_TTL_MS),
    },
  });
  return { url: start.url.toString() };
}

export interface FinishedLogin {
  ticket: string;
  returnTo: string;
  userId: string;
}

export async function finishUpstreamLogin({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; callbackUrl: URL };
}): Promise<FinishedLogin> {
  const db = dbOf(ctx);
  const state = input.callbackUrl.searchParams.get("state");
  if (!state) throw await refuse(ctx, "missing_state", input.slug);
  const pending = await db.pendingLogin.findUnique({
    where: { stateHash: sha256(state) },
    include: { provider: true },
  });
  // Claim the row once: a replayed callback finds it claimed (or gone).
  const claimed =
    pending &&
    pending.expiresAt > new Date() &&
    (
      await db.pendingLogin.updateMany({
        where: { id: pending.id, ticketHash: null },
        data: { ticketHash: `claimed:${randomBytes(16).toString("hex")}` },
      })
    ).count === 1;
  if (!pending || !claimed) throw await refuse(ctx, "unknown_state", input.slug);
  const { provider, returnTo } = pending;
  const fail = async (reason: SsoRefusal, details: Record<string, unknown> = {}) => {
    await db.pendingLogin.deleteMany({ where: { id: pending.id } });
    return refuse(ctx, reason, provider.slug, returnTo, details);
  };
  if (provider.slug !== input.slug) throw await fail("wrong_provider", { arrivedAt: input.slug });
  if (!provider.enabled) throw await fail("provider_unavailable");

  let claims: Record<string, unknown>;
  try {
    claims = await completeLogin(await configFor(provider), input.callbackUrl, {
      state,
      nonce: pending.nonce,
      codeVerifier: unseal(VERIFIER_PURPOSE, pending.codeVerifierSealed),
      redirectUri: identityCallbackUrl(provider.slug),
    });
  } catch (err) {
    if (err instanceof IdpError && err.reason !== "bad_issuer") throw await fail(err.reason, { detail: err.message });
    throw err;
  }

  const person = readPerson(claims, provider);
  if (provider.requireEmailVerified && person.email && !person.emailVerified)
    throw await fail("email_unverified", { email: person.email });
  if (person.email && !domainAllowed(person.email, provider.allowedDomains))
    throw await fail("foreign_domain", { email: person.email });

  const ticket = `${TICKET_PREFIX}${randomToken(32)}`;
  let userId: string;
  try {
    userId = await withTx(ctx, async (tx) => {
      const user = await findOrCreateProviderUser(tx, ctx, provider, person, `sso:${provider.slug}`);
      const actorCtx = { ...ctx, actor: { type: "system" as const, label: `sso:${provider.slug}` } };

      // Group → role, on every sign-in: a removed group removes the role. Owners are never changed.
      const mappings = roleMappingsOf(provider.roleMappings);
      let role = user.role;
      let sessionVersion = user.sessionVersion;
      if (provider.groupsClaim && mappings.length > 0 && user.role !== "OWNER") {
        const mapped = roleFromGroups(person.groups, mappings, ROLES);
        if (mapped !== user.role) {
          const after = await tx.user.update({
            where: { id: user.id },
            data: { role: mapped, sessionVersion: { increment: 1 } },
          });
          role = after.role;
          sessionVersion = after.sessionVersion;
          await recordAudit(tx, actorCtx, {
            action: "member.role_changed",
            target: { type: "user", id: user.id, label: user.email },
            details: {
              before: { role: user.role },
              after: { role: mapped },
              source: `sso:${provider.slug}`,
              groups: person.groups,
            },
          });
        }
      }
      const now = new Date();
      await tx.userIdentity.update({
        where: { providerId_subject: { providerId: provider.id, subject: person.subject } },
        data: { lastSignInAt: now, email: person.email },
      });
      await tx.user.update({
        where: { id: user.id },
        data: { lastSignInAt: now, ...(user.name ? {} : { name: person.name }) },
      });
      await tx.pendingLogin.update({
        where: { id: pending.id },
        data: { ticketHash: sha256(ticket), userId: user.id, expiresAt: new Date(Date.now() + TICKET_TTL_MS) },
      });
      await recordAudit(
        tx,
        { ...ctx, actor: { type: "user", userId: user.id, email: user.email, role } },
        {
          action: "user.signed_in",
          target: { type: "user", id: user.id, label: user.email },
          details: { method: "sso", provider: provider.slug, sessionVersion },
        },
      );
      return user.id;
    });
  } catch (err) {
    // Thrown inside the transaction, so whatever it had written is rolled back: nothing created.
    if (err instanceof ProviderUserRefusal) throw await fail(err.reason, { email: person.email });
    throw err;
  }
  return { ticket, returnTo, userId };
}

async function refuse(
  ctx: ServiceContext,
  reason: SsoRefusal,
  provider: string,
  returnTo = "/",
  details: Record<string, unknown> = {},
): Promise<SsoRefusedError> {
  await withTx(ctx, (tx) =>
    recordAudit(
      tx,
      { ...ctx, actor: { type: "system", label: `sso:${provider}` } },
      {
        action: "user.sign_in_failed",
        target: { type: "identity_provider", id: provider, label: provider },
        details: { method: "sso", provider, reason, ...details },
      },
    ),
  );
  return new SsoRefusedError(reason, reason, returnTo);
}

/** The Auth.js "sso" provider's check: a ticket works once, within two minutes, for an enabled user. */
export async function redeemLoginTicket({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { ticket: string };
}): Promise<AuthenticatedUser | null> {
  if (!input.ticket.startsWith(TICKET_PREFIX) || input.ticket.length > 100) return null;
  const db = dbOf(ctx);
  const hash = sha256(input.ticket);
  const row = await db.pendingLogin.findUnique({ where: { ticketHash: hash } });
  if (!row?.userId) return null;
  const used = await db.pendingLogin.deleteMany({ where: { id: row.id, ticketHash: hash } });
  if (used.count !== 1 || row.expiresAt <= new Date()) return null;
  const user = await db.user.findUnique({ where: { id: row.userId } });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
