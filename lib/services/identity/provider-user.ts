// Who an identity provider's (provider, subject) is in Gatehouse: the linked user, or an existing
// account the provider may claim, or a new end user created just in time. Shared by sign-in through
// the provider (upstream-login.ts) and by ID-JAG assertions from it (oauth/grants/id-jag.ts), so
// both follow the provider's rules (verified email, allowed domains, JIT on/off) in one place.
import type { UpstreamPerson } from "@/lib/identity/claims";
import { domainAllowed } from "@/lib/identity/claims";
import type { SsoRefusal } from "@/lib/identity/refusals";
import { newId } from "@/lib/ids";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";

/** Thrown inside the caller's transaction, so whatever was written is rolled back. */
export class ProviderUserRefusal extends Error {
  constructor(readonly reason: SsoRefusal) {
    super(reason);
    this.name = "ProviderUserRefusal";
  }
}

export interface ProviderRules {
  id: string;
  slug: string;
  requireEmailVerified: boolean;
  allowedDomains: string[];
  jitEnabled: boolean;
}

/**
 * The user behind (provider, person.subject), linking or creating one on first sight. Refuses a
 * disabled user. `source` names the path in audit events (e.g. "sso:okta", "id-jag:okta").
 */
export async function findOrCreateProviderUser(
  tx: Prisma.TransactionClient,
  ctx: ServiceContext,
  provider: ProviderRules,
  person: Pick<UpstreamPerson, "subject" | "email" | "emailVerified" | "name">,
  source: string,
) {
  const identity = await tx.userIdentity.findUnique({
    where: { providerId_subject: { providerId: provider.id, subject: person.subject } },
    include: { user: true },
  });
  let user = identity?.user ?? null;
  const actorCtx = { ...ctx, actor: { type: "system" as const, label: source } };
  if (!user) {
    if (!person.email) throw new ProviderUserRefusal("no_email");
    if (provider.requireEmailVerified && !person.emailVerified) throw new ProviderUserRefusal("email_unverified");
    if (!domainAllowed(person.email, provider.allowedDomains)) throw new ProviderUserRefusal("foreign_domain");
    const existing = await tx.user.findUnique({ where: { email: person.email } });
    if (existing) {
      // Never claim an existing account (staff least of all) on an unverified or foreign email.
      const mayLink =
        person.emailVerified &&
        provider.allowedDomains.length > 0 &&
        domainAllowed(person.email, provider.allowedDomains);
      if (!mayLink) throw new ProviderUserRefusal("link_refused");
      user = existing;
    } else {
      if (!provider.jitEnabled) throw new ProviderUserRefusal("no_account");
      user = await tx.user.create({
        data: { id: newId("user"), email: person.email, name: person.name, role: null },
      });
      await recordAudit(tx, actorCtx, {
        action: "user.created",
        target: { type: "user", id: user.id, label: user.email },
        details: { after: { email: user.email, name: user.name, role: null }, source },
      });
    }
    await tx.userIdentity.create({
      data: {
        id: newId("identity"),
        providerId: provider.id,
        subject: person.subject,
        userId: user.id,
        email: person.email,
      },
    });
    await recordAudit(tx, actorCtx, {
      action: "identity.linked",
      target: { type: "user", id: user.id, label: user.email },
      details: { provider: provider.slug, subject: person.subject, email: person.email },
    });
  }
  if (user.disabledAt) throw new ProviderUserRefusal("disabled");
  return user;
}
