// Backup and restore of the embedded database with the operator CLI, as docs/operations.md tells
// an operator to do it: data made through a running server (a client, a token, a consent), the
// server stopped, `backup --out`, the folder wiped, `restore --from`, the server started again.
// The token issued before the backup still verifies (same signing key id in the JWKS, active at
// introspection: the sealed keys and the folder's generated secret came back together), and the
// client, the consent and the admin API key are still there.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPglite } from "@/lib/db/client";
import { api, cli, createApiKey, describeProcesses, startServer, type Server, type Store } from "./processes";

describeProcesses("backup and restore of a PGlite folder", () => {
  let workDir = "";
  const store: Store = { dataDir: "" };
  const servers: Server[] = [];

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), "gatehouse-backup-"));
    store.dataDir = path.join(workDir, "data");
  });
  afterAll(async () => {
    for (const s of servers) await s.kill9();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("brings back keys, clients and consents", { timeout: 300_000 }, async () => {
    const apiKey = await createApiKey(store);
    const user = await cli(store, "user:create", "--email", "ada@example.com", "--password", "correct-horse-9");
    expect(user.code, user.stderr).toBe(0);
    const archive = path.join(workDir, "gatehouse-backup.tar.gz");

    const first = await startServer(store);
    servers.push(first);
    const admin = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
    const client = await api(first, apiKey).createSecretClient("Backed up");
    const form = { authorization: client.basic, "content-type": "application/x-www-form-urlencoded" };
    const issued = await fetch(`${first.url}/oauth/demo/token`, {
      method: "POST",
      headers: form,
      body: "grant_type=client_credentials",
    });
    expect(issued.status).toBe(200);
    const { access_token: token } = (await issued.json()) as { access_token: string };
    const kid = (JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { kid: string }).kid;

    const introspect = async (server: Server) => {
      const res = await fetch(`${server.url}/oauth/demo/introspect`, {
        method: "POST",
        headers: form,
        body: `token=${encodeURIComponent(token)}`,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { active: boolean };
    };
    expect(await introspect(first)).toMatchObject({ active: true });

    // Refused while the server holds the folder.
    const busy = await cli(store, "backup", "--out", archive);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain("stop it first");
    expect((await first.stop()).code).toBe(0);

    // A consent of the user to the client (as the consent screen leaves it), made with the server stopped.
    const db = openPglite(store.dataDir);
    try {
      await db.withConnection((c) =>
        c.query(
          `INSERT INTO "Consent" ("id", "serverId", "clientId", "userId", "scopes", "updatedAt")
           SELECT 'consent_backup_test', c."serverId", c."id", u."id", ARRAY[]::text[], now()
           FROM "OAuthClient" c, "User" u WHERE c."clientId" = $1 AND u."email" = 'ada@example.com'`,
          [client.clientId],
        ),
      );
    } finally {
      await db.close();
    }

    const backup = await cli(store, "backup", "--out", archive);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain("Backed up");

    // Restoring over data is refused without --force.
    const over = await cli(store, "restore", "--from", archive);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("--force");

    rmSync(store.dataDir, { recursive: true, force: true });
    const restored = await cli(store, "restore", "--from", archive);
    expect(restored.code, restored.stderr).toBe(0);

    // Same public URL, so the same issuer: the port differs, the tokens' "iss" must not.
    const second = await startServer(store, { GATEHOUSE_URL: first.url });
    servers.push(second);
    const jwks = (await (await fetch(`${second.url}/oauth/demo/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(kid);
    expect(await introspect(second)).toMatchObject({ active: true });
    const found = await fetch(`${second.url}/api/v1/servers/demo/clients/${client.clientId}`, { headers: admin });
    expect(found.status).toBe(200);
    const consents = await fetch(`${second.url}/api/v1/servers/demo/clients/${client.clientId}/consents`, {
      headers: admin,
    });
    expect(consents.status).toBe(200);
    const body = (await consents.json()) as { consents: { user: { email: string } }[] };
    expect(body.consents.map((c) => c.user.email)).toEqual(["ada@example.com"]);
    expect((await second.stop()).code).toBe(0);
  });
});
