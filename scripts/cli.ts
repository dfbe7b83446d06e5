// Gatehouse's operator CLI: `npm run gatehouse -- <command> [--flags]`. It works on the same
// database as the server (the PGlite folder or PostgreSQL); with PGlite, run it while the server
// is stopped (PGlite holds its folder for one process). Exit codes: 0 ok, 1 failed, 2 bad usage.
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { applyMigrations, database } from "@/lib/db/client";
import { isRole, ROLES } from "@/lib/auth/permissions";
import { fieldErrorsOf } from "@/lib/schemas/form";
import { createServer, createUser, listServers, listUsers, ServiceError, setUserPassword, systemContext } from "@/lib/services";

class UsageError extends Error {}

type Flags = Record<string, string | boolean | string[] | undefined>;

const COMMANDS: Record<string, { usage: string; options: Record<string, { type: "string" | "boolean"; multiple?: boolean }>; run: (f: Flags) => Promise<void> }> = {
  "user:create": {
    usage: "user:create --email EMAIL --password PASSWORD [--name NAME] [--role OWNER|ADMIN|SECURITY|DEVELOPER|VIEWER]",
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
    async run(f) {
      const role = f.role === undefined ? null : String(f.role).toUpperCase();
      if (role !== null && !isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")} (or omitted for an end user).`);
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
  "user:list": {
    usage: "user:list [--staff] [--search TEXT] [--json]",
    options: { staff: { type: "boolean" }, search: { type: "string" }, json: { type: "boolean" } },
    async run(f) {
      const users = await listUsers({ ctx: ctx(), input: { kind: f.staff ? "staff" : "all", q: opt(f, "search"), limit: 500 } });
      if (f.json) return void console.log(JSON.stringify(users, null, 2));
      table(["EMAIL", "ROLE", "NAME", "CREATED"], users.map((u) => [u.email, u.role ?? "-", u.name ?? "", u.createdAt.slice(0, 10)]));
    },
  },
  "server:create": {
    usage: "server:create --name NAME --slug SLUG --resource URL [--description TEXT] [--scope NAME[=DESCRIPTION]]... [--access-ttl SECONDS] [--refresh-ttl SECONDS] [--dcr]",
    options: {
      name: { type: "string" },
      slug: { type: "string" },
      resource: { type: "string" },
      description: { type: "string" },
      scope: { type: "string", multiple: true },
      "access-ttl": { type: "string" },
      "refresh-ttl": { type: "string" },
      dcr: { type: "boolean" },
    },
    async run(f) {
      const scopes = ((f.scope as string[] | undefined) ?? []).map((s) => {
        const [name = "", ...rest] = s.split("=");
        return { name, description: rest.join("=") };
      });
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
      table(["SLUG", "NAME", "RESOURCE", "SCOPES"], servers.map((s) => [s.slug, s.name, s.resourceUrl, s.scopes.map((x) => x.name).join(" ")]));
    },
  },
};

function ctx() {
  return systemContext("cli");
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

function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd());
  if (rows.length === 0) console.log("(none)");
}

function help(): string {
  return ["Usage: npm run gatehouse -- <command> [options]", "", "Commands:", ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join("\n");
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
  const db = database();
  try {
    await applyMigrations(db);
    await command.run(flags);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\nUsage: npm run gatehouse -- ${command.usage}`);
      return 2;
    }
    if (err instanceof ZodError) {
      for (const [field, messages] of Object.entries(fieldErrorsOf(err))) console.error(`${field}: ${messages.join(" ")}`);
      return 2;
    }
    if (err instanceof ServiceError) {
      const fields = err.fieldErrors ? Object.entries(err.fieldErrors).map(([k, v]) => `\n  ${k}: ${v.join(" ")}`).join("") : "";
      console.error(`${err.message}${fields}`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
