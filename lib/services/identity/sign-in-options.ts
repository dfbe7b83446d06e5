// What the sign-in page offers: the providers for the MCP server being signed in to, email-first
// routing by domain, who is asking, and whether end users may use a password.
import { emailDomain } from "@/lib/identity/claims";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { readInstanceSettings, updateInstanceSettings } from "../settings/instance-settings";

export interface SignInProvider {
  slug: string;
  label: string;
}

export interface SignInOptions {
  providers: SignInProvider[];
  /** Some provider routes email domains: show the email-first field. */
  emailFirst: boolean;
  /** "Sign in to continue to <client> on <server>", when returning to an MCP consent screen. */
  asking: { clientName: string; serverName: string } | null;
  localPasswordsForEndUsers: boolean;
}

const CONSENT_PATH = /^\/oauth\/([^/?#]+)\/consent\/([^/?#]+)/;

async function pendingAuthorization(ctx: ServiceContext, returnTo: string) {
  const m = CONSENT_PATH.exec(returnTo);
  if (!m) return null;
  const db = dbOf(ctx);
  const request = await db.authorizationRequest.findUnique({ where: { id: decodeURIComponent(m[2]!) } });
  if (!request || request.expiresAt <= new Date()) return null;
  const [server, client] = await Promise.all([
    db.mcpServer.findUnique({ where: { id: request.serverId }, select: { id: true, name: true, slug: true } }),
    db.oAuthClient.findUnique({ where: { id: request.clientId }, select: { name: true } }),
  ]);
  if (!server || server.slug !== decodeURIComponent(m[1]!) || !client) return null;
  return { serverId: server.id, serverName: server.name, clientName: client.name };
}

export async function getLocalPasswordsForEndUsers(ctx: ServiceContext): Promise<boolean> {
  return (await readInstanceSettings(ctx)).localPasswordsForEndUsers;
}

export async function getSignInOptions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { returnTo: string };
}): Promise<SignInOptions> {
  const [rows, asking, localPasswordsForEndUsers] = await Promise.all([
    dbOf(ctx).identityProvider.findMany({
      where: { enabled: true },
      select: { slug: true, label: true, serverIds: true, routeDomains: true },
      orderBy: { createdAt: "asc" },
    }),
    pendingAuthorization(ctx, input.returnTo),
    getLocalPasswordsForEndUsers(ctx),
  ]);
  const usable = rows.filter((p) => !asking || p.serverIds.length === 0 || p.serverIds.includes(asking.serverId));
  return {
    providers: usable.map(({ slug, label }) => ({ slug, label })),
    emailFirst: usable.some((p) => p.routeDomains),
    asking: asking && { clientName: asking.clientName, serverName: asking.serverName },
    localPasswordsForEndUsers,
  };
}

/** Email-first: the provider that routes this email's domain, or null (then: password). */
export async function routeEmailToProvider({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { email: string; returnTo: string };
}): Promise<SignInProvider | null> {
  if (!input.email.includes("@")) return null;
  const domain = emailDomain(input.email);
  const asking = await pendingAuthorization(ctx, input.returnTo);
  const row = await dbOf(ctx).identityProvider.findFirst({
    where: {
      enabled: true,
      routeDomains: true,
      allowedDomains: { has: domain },
      ...(asking ? { OR: [{ serverIds: { isEmpty: true } }, { serverIds: { has: asking.serverId } }] } : {}),
    },
    select: { slug: true, label: true },
    orderBy: { createdAt: "asc" },
  });
  return row;
}

/** Owners and admins turn local passwords off for end users; staff always keep theirs. */
export async function setLocalPasswordsForEndUsers({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { localPasswordsForEndUsers: boolean };
}): Promise<void> {
  requirePermission(ctx, "settings.write");
  await updateInstanceSettings(ctx, { localPasswordsForEndUsers: input.localPasswordsForEndUsers });
}
