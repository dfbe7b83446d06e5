// The operator CLI, run the way operators run it: a child process on a fresh PGlite folder. Each
// invocation boots tsx and PGlite (~2–3 s), so this file keeps to a handful of them. Skipped when
// DATABASE_URL is set: the CLI would then use that server instead of the throw-away folder.
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
// What `npx tsx` runs, without npx's own start-up cost.
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(Boolean(process.env.DATABASE_URL))("gatehouse CLI", () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "gatehouse-cli-"));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  function cli(...args: string[]): Promise<Run> {
    const env: NodeJS.ProcessEnv = { ...process.env, GATEHOUSE_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    return new Promise((resolve, reject) => {
      const child = spawn(TSX, ["scripts/cli.ts", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  // One PGlite folder, opened by one process at a time: these run in order.
  it("creates a server and a client, prints the secret once, and lists the client", { timeout: 60_000 }, async () => {
    const server = await cli(
      "server:create",
      "--name",
      "Demo",
      "--slug",
      "demo",
      "--resource",
      "http://localhost:3000/mcp/demo",
      "--scope",
      "mcp:tools",
    );
    expect(server.code, server.stderr).toBe(0);

    const created = await cli("client:create", "--server", "demo", "--name", "Nightly sync", "--scope", "mcp:tools");
    expect(created.code, created.stderr).toBe(0);
    const clientId = /client_id:\s+(ghc_\S+)/.exec(created.stdout)?.[1];
    expect(clientId).toBeDefined();
    expect(created.stdout).toMatch(/client_secret:\s+ghs_\S+/);
    expect(created.stdout).toMatch(/will not be shown again/);
    expect(created.stdout).toMatch(/flow:\s+client_credentials/);

    // A rotation with a grace period, ended early (issue 11 #10b).
    const rotated = await cli("client:rotate-secret", "--server", "demo", "--client", clientId!, "--grace", "24h");
    expect(rotated.stdout).toMatch(/keeps working until/);
    const revoked = await cli("client:revoke-previous-secret", "--server", "demo", "--client", clientId!);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain("has stopped working");

    const listed = await cli("client:list", "--server", "demo");
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(clientId);
    expect(listed.stdout).toContain("Nightly sync");
    expect(listed.stdout).toContain("Showing 1 of 1");
    expect(listed.stdout).not.toContain("ghs_");
  });

  it(
    "creates a private_key_jwt client from a JWKS file, DPoP-bound, and refuses a private key",
    { timeout: 60_000 },
    async () => {
      const jwk = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
      const { d, ...publicJwk } = jwk;
      const good = path.join(dataDir, "keys.json");
      writeFileSync(good, JSON.stringify({ keys: [{ ...publicJwk, kid: "cli-key", alg: "ES256" }] }));
      const created = await cli(
        "client:create",
        "--server",
        "demo",
        "--name",
        "Key job",
        "--jwks-file",
        good,
        "--dpop",
        "--json",
      );
      expect(created.code, created.stderr).toBe(0);
      const { client, clientSecret } = JSON.parse(created.stdout) as {
        client: { tokenEndpointAuthMethod: string; dpopBoundAccessTokens: boolean; jwksKeys: { kid: string }[] };
        clientSecret: string | null;
      };
      expect(clientSecret).toBeNull();
      expect(client).toMatchObject({ tokenEndpointAuthMethod: "private_key_jwt", dpopBoundAccessTokens: true });
      expect(client.jwksKeys.map((k) => k.kid)).toEqual(["cli-key"]);

      const leaked = path.join(dataDir, "private.json");
      writeFileSync(leaked, JSON.stringify({ keys: [{ ...publicJwk, d }] }));
      const refused = await cli("client:create", "--server", "demo", "--name", "Leaky", "--jwks-file", leaked);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/private/i);
      expect(
        (await cli("client:create", "--server", "demo", "--name", "X", "--public", "--jwks-uri", "https://x.example/k"))
          .code,
      ).toBe(2);
    },
  );

  it("offboards a person in one line: revokes their access and disables them", { timeout: 60_000 }, async () => {
    const created = await cli("user:create", "--email", "Leaver@Example.com", "--password", "correct horse battery");
    expect(created.code, created.stderr).toBe(0);
    const off = await cli("user:revoke-access", "--email", "leaver@example.com");
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toContain("Revoked 0 consent(s) of leaver@example.com and disabled the account");
    const nobody = await cli("user:disable", "--email", "nobody@example.com");
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain("No user has the email nobody@example.com.");
  });

  it("sets the audit retention period and sweeps on demand", { timeout: 60_000 }, async () => {
    const kept = await cli("audit:retention", "--keep", "365");
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain("Audit events are kept for 365 days.");
    const swept = await cli("audit:sweep", "--json");
    expect(swept.code, swept.stderr).toBe(0);
    expect(JSON.parse(swept.stdout)).toMatchObject({ retentionDays: 365, deleted: 0 });
  });

  it(
    "adds an end user with an invite link, and resets a password through the verbs",
    { timeout: 180_000 },
    async () => {
      const added = await cli("user:add", "--email", "invitee@example.com", "--invite");
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toMatch(/\/account\/invite\/[A-Za-z0-9_-]{43}/);
      const reset = await cli("user:reset-password", "--email", "invitee@example.com");
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stdout).toMatch(/must change it at next sign-in\):\n[A-Za-z0-9_-]{20}\n/);
    },
  );

  it(
    "server:update changes only the flags given; consent and webhook commands answer",
    { timeout: 60_000 },
    async () => {
      const updated = await cli(
        "server:update",
        "--server",
        "demo",
        "--name",
        "Demo 2",
        "--refresh-grace",
        "10",
        "--cimd",
        "on",
      );
      expect(updated.code, updated.stderr).toBe(0);
      const listed = await cli("server:list", "--json");
      expect(JSON.parse(listed.stdout)).toEqual([
        expect.objectContaining({
          name: "Demo 2",
          refreshGraceSeconds: 10,
          cimdEnabled: true,
          scopes: [expect.objectContaining({ name: "mcp:tools" })],
        }),
      ]);
      const consents = await cli("consent:list", "--email", "leaver@example.com");
      expect(consents.code, consents.stderr).toBe(0);
      expect(consents.stdout).toContain("(none)");
      const gone = await cli("consent:revoke", "--id", "cns_gone");
      expect(gone.code).toBe(1);
      expect(gone.stderr).toContain("Consent was not found.");
      const webhooks = await cli("webhook:list");
      expect(webhooks.code, webhooks.stderr).toBe(0);
      expect(webhooks.stdout).toContain("(none)");
    },
  );

  it("exits 2 with a usage message on bad arguments", { timeout: 60_000 }, async () => {
    const missingName = await cli("client:create", "--server", "demo");
    expect(missingName.code).toBe(2);
    expect(missingName.stderr).toContain("--name is required.");
    expect(missingName.stderr).toContain("Usage: npm run gatehouse -- client:create");

    const invalidUser = await cli("user:create", "--email", "bad", "--password", "x");
    expect(invalidUser.code).toBe(2);
    expect(invalidUser.stderr).toMatch(/^email: /m);
    expect(invalidUser.stderr).toMatch(/^password: /m);

    const unknown = await cli("client:explode");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "client:explode"');
  });
});
