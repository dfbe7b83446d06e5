// Gatehouse's operator CLI: `npm run gatehouse -- <command> [--flags]`. It works on the same
// database as the server (the PGlite folder or PostgreSQL); with PGlite it refuses to run while the
// server (or another process) holds the folder (status 1). Exit codes: 0 ok, 1 failed, 2 bad usage.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { backupDataFolder, restoreDataFolder } from "@/lib/db/backup";
import { applyMigrations } from "@/lib/db/client";
import { DataFolderInUseError } from "@/lib/db/data-folder-lock";
import { env } from "@/lib/env";
import { isRole, ROLES } from "@/lib/auth/permissions";
import { API_KEY_EXPIRIES } from "@/lib/schemas/api-keys";
import { AUDIT_RETENTION_CHOICES } from "@/lib/schemas/audit-retention";
import { REGISTRATION_TYPES, SECRET_GRACE_PERIODS } from "@/lib/schemas/clients";
import { CIMD_TRUST_MODES } from "@/lib/schemas/cimd-policy";
import { DCR_MODES } from "@/lib/schemas/dcr-policy";
import { fieldErrorsOf } from "@/lib/schemas/form";
import {
  createApiKey,
  createClient,
  createEndUser,
  createServer,
  createUser,
  getUserAccess,
  listClientConsents,
  listClients,
  listWebhooks,
  patchServer,
  revokeClientConsents,
  revokeConsent,
  listServers,
  listUsers,
  pruneDcrClients,
  resetUserPassword,
  revokeAllUserAccess,
  revokePreviousClientSecret,
  rotateClientSecret,
  ServiceError,
  setAuditRetention,
  setUserDisabled,
  setUserPassword,
  sweepAuditEvents,
  systemContext,
} from "@/lib/services";
import { rotateSigningKey } from "@/lib/services/oauth/signing-keys";
import { openDatabaseOrExit } from "./open-database";

class UsageError extends Error {}

type Flags = Record<string, string | boolean | string[] | undefined>;

const COMMANDS: Record<
  string,
  {
    usage: string;
    options: Record<string, { type: "string" | "boolean"; multiple?: boolean }>;
    run: (f: Flags) => Promise<void>;
    /** Works on the data folder itself (backup, restore): the CLI must not open the database first. */
    ownsDataFolder?: boolean;
  }
> = {
  "user:create": {
    usage: "user:create --email EMAIL --password PASSWORD [--name NAME] [--role OWNER|ADMIN|SECURITY|DEVELOPER|VIEWER]",
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
    },
    async run(f) {
      const role = f.role === undefined ? null : String(f.role).toUpperCase();
      if (role !== null && !isRole(role))
        throw new UsageError(`--role must be one of ${ROLES.join(", ")} (or omitted for an end user).`);
      const user = await createUser({
        ctx: ctx(),
        input: { email: req(f, "email"), password: req(f, "password"), name: opt(f, "name"), role },
      });
      console.log(`Created user ${user.email} (${user.role ?? "end user"}), id ${user.id}`);
    },
  },
  "user:set-password": {
    usage: "user:set-password --email EMAIL --password PASSWORD",
    options: { email: { type: "string" }, password: { type: "string" } },
    async run(f) {
      await setUserPassword({ ctx: ctx(), input: { email: req(f, "email"), password: req(f, "password") } });
      console.log(`Password set for ${String(f.email).toLowerCase()}; their existing sessions have ended.`);
    },
  },
  "user:reset-password": {
    usage: "user:reset-password --email EMAIL",
    options: { email: { type: "string" } },
    /** Like the dashboard's Reset password: a temporary one, printed once, replaced at next sign-in. */
    async run(f) {
      const user = await userByEmail(req(f, "email"));
      const { temporaryPassword } = await resetUserPassword({ ctx: ctx(), userId: user.id });
      console.log(`Temporary password for ${user.email} (shown once; they must change it at next sign-in):`);
      console.log(temporaryPassword);
    },
  },
  "user:add": {
    usage: "user:add --email EMAIL [--name NAME] [--invite]",
    options: { email: { type: "string" }, name: { type: "string" }, invite: { type: "boolean" } },
    /** Like Users → Add user: an end user with a temporary password, or an invite link with --invite. */
    async run(f) {
      const mode = f.invite ? "invite-link" : "temporary-password";
      const result = await createEndUser({ ctx: ctx(), input: { email: req(f, "email"), name: opt(f, "name"), mode } });
      console.log(`Added ${result.user.email} (end user), id ${result.user.id}. Shown once:`);
      console.log(result.temporaryPassword ?? result.inviteUrl);
    },
  },
  "user:disable": {
    usage: "user:disable --email EMAIL",
    options: { email: { type: "string" } },
    async run(f) {
      const user = await userByEmail(req(f, "email"));
      await setUserDisabled({ ctx: ctx(), userId: user.id, disabled: true });
      console.log(`Disabled ${user.email}: sign-in and refresh are blocked and live tokens no longer work.`);
    },
  },
  "user:revoke-access": {
    usage: "user:revoke-access --email EMAIL",
    options: { email: { type: "string" } },
    /** The offboarding one-liner: every consent on every server revoked, then the account disabled. */
    async run(f) {
      const user = await userByEmail(req(f, "email"));
      const revoked = await revokeAllUserAccess({ ctx: ctx(), userId: user.id });
      await setUserDisabled({ ctx: ctx(), userId: user.id, disabled: true });
      console.log(
        `Revoked ${revoked.length} consent(s) of ${user.email} and disabled the account; their tokens no longer work.`,
      );
    },
  },
  "user:list": {
    usage: "user:list [--staff] [--search TEXT] [--json]",
    options: { staff: { type: "boolean" }, search: { type: "string" }, json: { type: "boolean" } },
    async run(f) {
      const users = await listUsers({
        ctx: ctx(),
        input: { kind: f.staff ? "staff" : "all", q: opt(f, "search"), limit: 500 },
      });
      if (f.json) return void console.log(JSON.stringify(users, null, 2));
      table(
        ["EMAIL", "ROLE", "NAME", "CREATED"],
        users.map((u) => [u.email, u.role ?? "-", u.name ?? "", u.createdAt.slice(0, 10)]),
      );
    },
  },
  "server:create": {
    usage:
      "server:create --name NAME --slug SLUG --resource URL [--description TEXT] [--scope NAME[=DESCRIPTION]]... [--access-ttl SECONDS] [--refresh-ttl SECONDS] [--dcr] [--dcr-mode OPEN|TOKEN|OFF] [--dcr-rate-limit PER_HOUR]",
    options: {
      name: { type: "string" },
      slug: { type: "string" },
      resource: { type: "string" },
      description: { type: "string" },
      scope: { type: "string", multiple: true },
      "access-ttl": { type: "string" },
      "refresh-ttl": { type: "string" },
      dcr: { type: "boolean" },
      "dcr-mode": { type: "string" },
      "dcr-rate-limit": { type: "string" },
    },
    async run(f) {
      const scopes = scopesOf(f);
      const server = await createServer({
        ctx: ctx(),
        input: {
          name: req(f, "name"),
          slug: req(f, "slug"),
          resourceUrl: req(f, "resource"),
          description: opt(f, "description") ?? "",
          scopes,
          ...(f["access-ttl"] ? { accessTokenTtl: f["access-ttl"] } : {}),
          ...(f["refresh-ttl"] ? { refreshTokenTtl: f["refresh-ttl"] } : {}),
          dcrEnabled: Boolean(f.dcr),
          ...(f["dcr-mode"] ? { dcrMode: oneOf(f, "dcr-mode", DCR_MODES, (v) => v.toUpperCase()) } : {}),
          ...(f["dcr-rate-limit"] !== undefined ? { dcrRateLimitPerHour: opt(f, "dcr-rate-limit") } : {}),
        },
      });
      console.log(`Created MCP server ${server.slug}\n  resource: ${server.resourceUrl}\n  issuer:   ${server.issuer}`);
    },
  },
  "server:list": {
    usage: "server:list [--json]",
    options: { json: { type: "boolean" } },
    async run(f) {
      const servers = await listServers({ ctx: ctx() });
      if (f.json) return void console.log(JSON.stringify(servers, null, 2));
      table(
        ["SLUG", "NAME", "RESOURCE", "SCOPES"],
        servers.map((s) => [s.slug, s.name, s.resourceUrl, s.scopes.map((x) => x.name).join(" ")]),
      );
    },
  },
  "client:create": {
    usage:
      "client:create --server SLUG --name NAME [--redirect-uri URI]... [--scope NAME]... [--public | --jwks-file FILE | --jwks-uri URI] [--dpop] [--description TEXT] [--json]",
    options: {
      server: { type: "string" },
      name: { type: "string" },
      "redirect-uri": { type: "string", multiple: true },
      scope: { type: "string", multiple: true },
      public: { type: "boolean" },
      "jwks-file": { type: "string" },
      "jwks-uri": { type: "string" },
      dpop: { type: "boolean" },
      description: { type: "string" },
      json: { type: "boolean" },
    },
    async run(f) {
      const redirectUris = many(f, "redirect-uri");
      // private_key_jwt (RFC 7523): the client's public keys, pasted from a file or published at a URL.
      const jwksFile = opt(f, "jwks-file");
      const jwksUri = opt(f, "jwks-uri");
      const keyed = jwksFile !== undefined || jwksUri !== undefined;
      if (keyed && f.public) throw new UsageError("--public clients have no keys: drop --jwks-file/--jwks-uri.");
      // Without a redirect URI the client uses client_credentials, which always has a secret.
      if (f.public && redirectUris.length === 0) throw new UsageError("--public needs at least one --redirect-uri.");
      const { client, clientSecret } = await createClient({
        ctx: ctx(),
        serverSlug: req(f, "server"),
        input: {
          name: req(f, "name"),
          description: opt(f, "description") ?? "",
          redirectUris,
          allowedScopes: many(f, "scope"),
          isPublic: Boolean(f.public),
          dpopBoundAccessTokens: Boolean(f.dpop),
          ...(keyed
            ? {
                authMethod: "private_key_jwt" as const,
                jwks: jwksFile === undefined ? undefined : readFileSync(jwksFile, "utf8"),
                jwksUri,
              }
            : {}),
        },
      });
      if (f.json) return void console.log(JSON.stringify({ client, clientSecret }, null, 2));
      console.log(`Created client "${client.name}" on ${req(f, "server")}`);
      console.log(`  client_id:     ${client.clientId}`);
      console.log(
        `  client_secret: ${clientSecret ?? (keyed ? "none (private_key_jwt: signs with its own key)" : "none (public client: PKCE only)")}`,
      );
      console.log(`  flow:          ${client.flow}`);
      if (clientSecret) console.log("The client secret will not be shown again: store it now.");
    },
  },
  "client:list": {
    usage: "client:list --server SLUG [--search TEXT] [--type MANUAL|DYNAMIC|METADATA_DOCUMENT] [--json]",
    options: {
      server: { type: "string" },
      search: { type: "string" },
      type: { type: "string" },
      json: { type: "boolean" },
    },
    async run(f) {
      const type = oneOf(f, "type", REGISTRATION_TYPES, (v) => v.toUpperCase());
      const page = await listClients({
        ctx: ctx(),
        serverSlug: req(f, "server"),
        input: { q: opt(f, "search"), type },
      });
      if (f.json) return void console.log(JSON.stringify(page, null, 2));
      table(
        ["CLIENT_ID", "NAME", "TYPE", "FLOW", "STATUS", "CREATED"],
        page.clients.map((c) => [c.clientId, c.name, c.registration, c.flow, c.status, c.createdAt.slice(0, 10)]),
      );
      console.log(`Showing ${page.clients.length} of ${page.total}${page.totalIsCapped ? "+" : ""}`);
    },
  },
  "client:rotate-secret": {
    usage: "client:rotate-secret --server SLUG --client CLIENT_ID_OR_ROW_ID [--grace none|1h|24h|7d] [--json]",
    options: {
      server: { type: "string" },
      client: { type: "string" },
      grace: { type: "string" },
      json: { type: "boolean" },
    },
    async run(f) {
      const gracePeriod = oneOf(f, "grace", keysOf(SECRET_GRACE_PERIODS)) ?? "none";
      const { client, clientSecret } = await rotateClientSecret({
        ctx: ctx(),
        serverSlug: req(f, "server"),
        input: { clientId: req(f, "client"), gracePeriod },
      });
      if (f.json) return void console.log(JSON.stringify({ client, clientSecret }, null, 2));
      console.log(`Rotated the secret of "${client.name}" (${client.clientId})`);
      console.log(`  client_secret: ${clientSecret}`);
      console.log("The new secret will not be shown again: store it now.");
      console.log(
        client.previousSecretExpiresAt
          ? `The previous secret keeps working until ${client.previousSecretExpiresAt}.`
          : "The previous secret has stopped working.",
      );
    },
  },
  "client:revoke-previous-secret": {
    usage: "client:revoke-previous-secret --server SLUG --client CLIENT_ID_OR_ROW_ID",
    options: { server: { type: "string" }, client: { type: "string" } },
    async run(f) {
      const client = await revokePreviousClientSecret({
        ctx: ctx(),
        serverSlug: req(f, "server"),
        input: { clientId: req(f, "client") },
      });
      console.log(`The previous secret of "${client.name}" (${client.clientId}) has stopped working.`);
    },
  },
  "apikey:create": {
    usage:
      "apikey:create --name NAME --role OWNER|ADMIN|SECURITY|DEVELOPER|VIEWER [--expires never|30d|90d|365d] [--json]",
    options: {
      name: { type: "string" },
      role: { type: "string" },
      expires: { type: "string" },
      json: { type: "boolean" },
    },
    async run(f) {
      const role = oneOf(f, "role", ROLES, (v) => v.toUpperCase());
      if (!role) throw new UsageError("--role is required.");
      const expiresIn = oneOf(f, "expires", keysOf(API_KEY_EXPIRIES)) ?? "90d";
      const { apiKey, token } = await createApiKey({ ctx: ctx(), input: { name: req(f, "name"), role, expiresIn } });
      if (f.json) return void console.log(JSON.stringify({ apiKey, token }, null, 2));
      console.log(`Created API key "${apiKey.name}" (${apiKey.role}, expires ${apiKey.expiresAt ?? "never"})`);
      console.log(`  key: ${token}`);
      console.log('It will not be shown again: store it now. Send it as "Authorization: Bearer <key>" to /api/v1.');
    },
  },
  "consent:list": {
    usage: "consent:list (--email EMAIL | --server SLUG --client CLIENT_ID) [--json]",
    options: {
      email: { type: "string" },
      server: { type: "string" },
      client: { type: "string" },
      json: { type: "boolean" },
    },
    async run(f) {
      const consents = f.email
        ? (await getUserAccess({ ctx: ctx(), userId: (await userByEmail(req(f, "email"))).id })).consents
        : (
            await listClientConsents({
              ctx: ctx(),
              serverSlug: req(f, "server"),
              clientId: req(f, "client"),
              input: {},
            })
          ).consents;
      if (f.json) return void console.log(JSON.stringify(consents, null, 2));
      table(
        ["ID", "USER", "SERVER", "CLIENT", "SCOPES", "GRANTED"],
        consents.map((c) => [
          c.id,
          c.user.email,
          c.server.slug,
          c.client.name,
          c.scopes.map((x) => x.name).join(" "),
          c.grantedAt.slice(0, 10),
        ]),
      );
    },
  },
  "consent:revoke": {
    usage: "consent:revoke (--id CONSENT_ID | --server SLUG --client CLIENT_ID --email EMAIL)",
    options: {
      id: { type: "string" },
      server: { type: "string" },
      client: { type: "string" },
      email: { type: "string" },
    },
    async run(f) {
      let revoked;
      if (f.id) {
        revoked = [await revokeConsent({ ctx: ctx(), consentId: req(f, "id") })];
      } else {
        const user = await userByEmail(req(f, "email"));
        const page = await listClientConsents({
          ctx: ctx(),
          serverSlug: req(f, "server"),
          clientId: req(f, "client"),
          input: { q: user.email },
        });
        const consent = page.consents.find((c) => c.user.id === user.id);
        if (!consent) throw new UsageError(`${user.email} has no consent to that client.`);
        revoked = await revokeClientConsents({
          ctx: ctx(),
          serverSlug: req(f, "server"),
          clientId: req(f, "client"),
          input: { consentIds: [consent.id] },
        });
      }
      for (const r of revoked)
        console.log(`Revoked ${r.userEmail} → ${r.clientName} (${r.id}); its tokens no longer work.`);
    },
  },
  "webhook:list": {
    usage: "webhook:list [--json]",
    options: { json: { type: "boolean" } },
    async run(f) {
      const webhooks = await listWebhooks({ ctx: ctx() });
      if (f.json) return void console.log(JSON.stringify(webhooks, null, 2));
      table(
        ["ID", "URL", "EVENTS", "STATUS"],
        webhooks.map((w) => [w.id, w.url, w.events.join(" "), w.disabledAt ? "paused" : "active"]),
      );
    },
  },
  "server:update": {
    usage:
      "server:update --server SLUG [--name NAME] [--resource URL] [--description TEXT] [--scope NAME[=DESCRIPTION]]... [--access-ttl SECONDS] [--refresh-ttl SECONDS] [--refresh-grace SECONDS] [--status-list-ttl SECONDS] [--dcr-mode OPEN|TOKEN|OFF] [--dcr-rate-limit PER_HOUR] [--cimd on|off] [--cimd-trust ANY|ALLOWLIST|DENYLIST] [--cimd-host HOST]...",
    options: {
      server: { type: "string" },
      name: { type: "string" },
      resource: { type: "string" },
      description: { type: "string" },
      scope: { type: "string", multiple: true },
      "access-ttl": { type: "string" },
      "refresh-ttl": { type: "string" },
      "refresh-grace": { type: "string" },
      "status-list-ttl": { type: "string" },
      "dcr-mode": { type: "string" },
      "dcr-rate-limit": { type: "string" },
      cimd: { type: "string" },
      "cimd-trust": { type: "string" },
      "cimd-host": { type: "string", multiple: true },
    },
    /** Only the flags given change (patchServer, as the API's PATCH); --scope replaces the list. */
    async run(f) {
      const set = (flag: string, key: string, value: unknown = f[flag]) =>
        f[flag] === undefined ? {} : { [key]: value };
      const server = await patchServer({
        ctx: ctx(),
        slug: req(f, "server"),
        changes: {
          ...set("name", "name"),
          ...set("resource", "resourceUrl"),
          ...set("description", "description"),
          ...set("scope", "scopes", scopesOf(f)),
          ...set("access-ttl", "accessTokenTtl"),
          ...set("refresh-ttl", "refreshTokenTtl"),
          ...set("refresh-grace", "refreshGraceSeconds"),
          ...set("status-list-ttl", "statusListTtl"),
          ...set(
            "dcr-mode",
            "dcrMode",
            oneOf(f, "dcr-mode", DCR_MODES, (v) => v.toUpperCase()),
          ),
          ...set("dcr-rate-limit", "dcrRateLimitPerHour"),
          ...set("cimd", "cimdEnabled", oneOf(f, "cimd", ["on", "off"]) === "on"),
          ...set(
            "cimd-trust",
            "cimdTrust",
            oneOf(f, "cimd-trust", CIMD_TRUST_MODES, (v) => v.toUpperCase()),
          ),
          ...set("cimd-host", "cimdHosts"),
        },
      });
      console.log(`Updated MCP server ${server.slug} (${server.name})`);
    },
  },
  prune: {
    usage: "prune [--json]",
    options: { json: { type: "boolean" } },
    async run(f) {
      // DCR clients never used within each server's dcrPruneUnusedDays (7) or idle for dcrPruneIdleDays (90).
      const pruned = await pruneDcrClients({ ctx: ctx() });
      if (f.json) return void console.log(JSON.stringify(pruned, null, 2));
      table(
        ["SERVER", "NEVER_USED", "IDLE"],
        pruned.map((p) => [p.slug, String(p.neverUsed), String(p.idle)]),
      );
      const total = pruned.reduce((n, p) => n + p.neverUsed + p.idle, 0);
      console.log(total === 0 ? "No DCR client to prune." : `Pruned ${total} DCR client${total === 1 ? "" : "s"}.`);
    },
  },
  "keys:rotate": {
    usage: "keys:rotate [--json]",
    options: { json: { type: "boolean" } },
    async run(f) {
      const { kid, retired } = await rotateSigningKey({ ctx: ctx() });
      if (f.json) return void console.log(JSON.stringify({ kid, retired }, null, 2));
      console.log(`New signing key: ${kid} (signs every new access token)`);
      console.log(
        retired.length > 0
          ? `Retired: ${retired.join(", ")} (still published until their tokens expire)`
          : "Retired: none (this is the first signing key)",
      );
    },
  },
  "audit:retention": {
    usage: `audit:retention --keep ${keysOf(AUDIT_RETENTION_CHOICES).join("|")}`,
    options: { keep: { type: "string" } },
    async run(f) {
      const auditRetention = oneOf(f, "keep", keysOf(AUDIT_RETENTION_CHOICES));
      if (!auditRetention) throw new UsageError("--keep is required.");
      await setAuditRetention({ ctx: ctx(), input: { auditRetention } });
      const { days } = AUDIT_RETENTION_CHOICES[auditRetention];
      console.log(days === null ? "Audit events are kept forever." : `Audit events are kept for ${days} days.`);
    },
  },
  "audit:sweep": {
    usage: "audit:sweep [--json]",
    options: { json: { type: "boolean" } },
    /** What the server's daily sweep does, now: deletes events older than the retention period. */
    async run(f) {
      const swept = await sweepAuditEvents(ctx());
      if (f.json) return void console.log(JSON.stringify(swept, null, 2));
      console.log(
        swept.retentionDays === null
          ? "Audit events are kept forever: nothing to delete."
          : `Deleted ${swept.deleted} audit event(s) created before ${swept.cutoff} (retention: ${swept.retentionDays} days).`,
      );
    },
  },
  backup: {
    usage: "backup --out FILE  (embedded database only; the server must be stopped)",
    options: { out: { type: "string" } },
    ownsDataFolder: true,
    async run(f) {
      const dataDir = embeddedDataDir("backup", "pg_dump --format=custom");
      const { file, bytes, migrations } = await backupDataFolder(dataDir, req(f, "out"));
      console.log(`Backed up ${path.resolve(dataDir)} to ${file} (${bytes} bytes, ${migrations} migrations applied).`);
    },
  },
  restore: {
    usage: "restore --from FILE [--force]  (embedded database only; the server must be stopped)",
    options: { from: { type: "string" }, force: { type: "boolean" } },
    ownsDataFolder: true,
    async run(f) {
      const dataDir = embeddedDataDir("restore", "pg_restore");
      const { migrations } = await restoreDataFolder(dataDir, req(f, "from"), { force: Boolean(f.force) });
      console.log(`Restored ${req(f, "from")} into ${path.resolve(dataDir)} (${migrations} migrations applied).`);
      console.log("Start Gatehouse as usual: it applies any newer migrations on start.");
    },
  },
};

/** GATEHOUSE_DATA_DIR, or a usage error naming the PostgreSQL tool to use instead. */
function embeddedDataDir(command: string, tool: string): string {
  const { DATABASE_URL, GATEHOUSE_DATA_DIR } = env();
  if (DATABASE_URL) throw new UsageError(`${command} is for the embedded database; on PostgreSQL use ${tool}.`);
  if (GATEHOUSE_DATA_DIR.startsWith("memory://")) throw new UsageError(`An in-memory database cannot be ${command}d.`);
  return GATEHOUSE_DATA_DIR;
}

function ctx() {
  return systemContext("cli");
}

/** The user with exactly this email (case-insensitive), or a usage error. */
async function userByEmail(email: string) {
  const wanted = email.trim().toLowerCase();
  const users = await listUsers({ ctx: ctx(), input: { q: wanted, limit: 500 } });
  const user = users.find((u) => u.email.toLowerCase() === wanted);
  if (!user) throw new UsageError(`No user has the email ${wanted}.`);
  return user;
}

/** --scope NAME[=DESCRIPTION], repeated. */
function scopesOf(f: Flags) {
  return many(f, "scope").map((s) => {
    const [name = "", ...rest] = s.split("=");
    return { name, description: rest.join("=") };
  });
}

function req(f: Flags, name: string): string {
  const v = f[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required.`);
  return v;
}

function opt(f: Flags, name: string): string | undefined {
  const v = f[name];
  return typeof v === "string" ? v : undefined;
}

function many(f: Flags, name: string): string[] {
  const v = f[name];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

/** An optional flag limited to a fixed set of values (after `normalize`), or a usage error. */
function oneOf<T extends string>(
  f: Flags,
  name: string,
  allowed: readonly T[],
  normalize = (v: string) => v,
): T | undefined {
  const raw = opt(f, name);
  if (raw === undefined) return undefined;
  const v = normalize(raw);
  const match = allowed.find((a) => a === v);
  if (match === undefined) throw new UsageError(`--${name} must be one of ${allowed.join(", ")}.`);
  return match;
}

/** The keys of a const lookup table (Object.keys widens them to string). */
function keysOf<K extends string>(table: Record<K, unknown>): K[] {
  return Object.keys(table) as K[];
}

function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  for (const r of [head, ...rows])
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    );
  if (rows.length === 0) console.log("(none)");
}

function help(): string {
  return [
    "Usage: npm run gatehouse -- <command> [options]",
    "",
    "Commands:",
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  let flags: Flags;
  try {
    flags = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values as Flags;
  } catch (err) {
    console.error(`${(err as Error).message}\nUsage: npm run gatehouse -- ${command.usage}`);
    return 2;
  }
  const db = command.ownsDataFolder ? undefined : openDatabaseOrExit();
  try {
    if (db) await applyMigrations(db);
    await command.run(flags);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\nUsage: npm run gatehouse -- ${command.usage}`);
      return 2;
    }
    if (err instanceof ZodError) {
      for (const [field, messages] of Object.entries(fieldErrorsOf(err)))
        console.error(`${field}: ${messages.join(" ")}`);
      return 2;
    }
    if (err instanceof DataFolderInUseError) {
      console.error(err.message);
      return 1;
    }
    if (err instanceof ServiceError) {
      const fields = err.fieldErrors
        ? Object.entries(err.fieldErrors)
            .map(([k, v]) => `\n  ${k}: ${v.join(" ")}`)
            .join("")
        : "";
      console.error(`${err.message}${fields}`);
      return 1;
    }
    throw err;
  } finally {
    await db?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
