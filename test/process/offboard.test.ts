// Done-means of issue 13: scripts/examples/offboard.ts offboards a person through the admin API of
// a real `next start` alone (find, revoke all access, disable), and the person's access token dies
// at once: introspection says inactive and the demo MCP server answers 401.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "@/scripts/bench/harness";
import { describeProcesses, startServer, storeEnv, tsx, type Server, type Store } from "./processes";

interface Seeded {
  apiKey: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  clientId: string;
  introspector: { clientId: string; clientSecret: string };
}

describeProcesses("offboarding through the admin API of a running next start", () => {
  let workDir = "";
  const store: Store = { dataDir: "" };
  let server: Server | undefined;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), "gatehouse-offboard-"));
    store.dataDir = path.join(workDir, "data");
  });
  afterAll(async () => {
    await server?.kill9();
    rmSync(workDir, { recursive: true, force: true });
  });

  it(
    "offboard.ts finds, revokes and disables; the token dies at introspection and at /mcp/demo",
    { timeout: 240_000 },
    async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const seed = await tsx({ ...storeEnv(store), GATEHOUSE_URL: url }, "test/process/offboard-seed.ts");
      expect(seed.code, seed.stderr).toBe(0);
      // Log lines (JSON too) surround the seed's own line, which is marked.
      const line = seed.stdout.split("\n").find((l) => l.startsWith("SEED ")) ?? "";
      const s = JSON.parse(line.slice("SEED ".length)) as Seeded;
      server = await startServer(store, {}, port);

      const basic = Buffer.from(`${s.introspector.clientId}:${s.introspector.clientSecret}`).toString("base64");
      const introspect = async () => {
        const res = await fetch(`${url}/oauth/demo/introspect`, {
          method: "POST",
          headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ token: s.accessToken }).toString(),
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { active: boolean }).active;
      };
      const mcp = async () => {
        const res = await fetch(`${url}/mcp/demo`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${s.accessToken}`,
            accept: "application/json, text/event-stream",
            "content-type": "application/json",
          },
          body: JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            method: "initialize",
            params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "test", version: "1" } },
          }),
        });
        await res.arrayBuffer();
        return { status: res.status, challenge: res.headers.get("www-authenticate") ?? "" };
      };
      expect(await introspect()).toBe(true);
      expect((await mcp()).status).toBe(200);

      const run = await tsx(
        { ...process.env },
        "scripts/examples/offboard.ts",
        "--url",
        url,
        "--key",
        s.apiKey,
        "--email",
        "Leaver@Example.com",
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("Found leaver@example.com");
      expect(run.stdout).toContain("Revoked 1 consent:");
      expect(run.stdout).toContain("- Leaver's agent");
      expect(run.stdout).toContain("Disabled leaver@example.com");

      // At once: no waiting for the access token's lifetime.
      expect(await introspect()).toBe(false);
      const after = await mcp();
      expect(after.status).toBe(401);
      expect(after.challenge).toContain('error="invalid_token"');
      const refreshed = await fetch(`${url}/oauth/demo/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: s.refreshToken,
          client_id: s.clientId,
        }).toString(),
      });
      expect(refreshed.status).toBe(400);

      // The API's record of it, and a second run that finds nothing left to revoke.
      const headers = { authorization: `Bearer ${s.apiKey}` };
      const audit = (await (await fetch(`${url}/api/v1/audit?actor=offboarding`, { headers })).json()) as {
        events: { action: string }[];
      };
      expect(audit.events.map((e) => e.action).sort()).toEqual(["consent.revoked", "user.disabled"]);
      const again = await tsx(
        { ...process.env },
        "scripts/examples/offboard.ts",
        "--url",
        url,
        "--key",
        s.apiKey,
        "--email",
        "leaver@example.com",
      );
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain("already disabled");
      expect(again.stdout).toContain("Revoked 0 consents");
      const nobody = await tsx(
        { ...process.env },
        "scripts/examples/offboard.ts",
        "--url",
        url,
        "--key",
        s.apiKey,
        "--email",
        "nobody@example.com",
      );
      expect(nobody.code).toBe(1);
      expect(nobody.stderr).toContain("No user has the email nobody@example.com.");
    },
  );
});
