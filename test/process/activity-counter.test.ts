// Token activity through the real route: the token endpoint runs in the pages/api bundle, the flush
// timer is started from instrumentation.ts (another bundle). Before the counters moved to
// lib/process-state.ts each bundle had its own copy, and tokens issued by `next start` never
// reached ClientDailyStat (the Overview chart stayed at 0 while "Last used" moved).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, createApiKey, describeProcesses, startServer, type Server, type Store } from "./processes";

const TOKENS = 5;

describeProcesses("token activity counted by a running next start", () => {
  let workDir = "";
  const store: Store = { dataDir: "" };
  let server: Server | undefined;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), "gatehouse-activity-"));
    store.dataDir = path.join(workDir, "data");
  });
  afterAll(async () => {
    await server?.kill9();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("tokens issued at /oauth/demo/token appear in the client's activity", { timeout: 180_000 }, async () => {
    const apiKey = await createApiKey(store);
    server = await startServer(store);
    const headers = { authorization: `Bearer ${apiKey}` };
    const client = await api(server, apiKey).createSecretClient("Nightly sync");

    for (let i = 0; i < TOKENS; i++) {
      const res = await fetch(`${server.url}/oauth/demo/token`, {
        method: "POST",
        headers: { authorization: client.basic, "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }

    // The counts are flushed every few seconds: poll the Overview chart's data (bounded).
    let issuedToday = 0;
    for (let attempt = 0; attempt < 60 && issuedToday < TOKENS; attempt++) {
      await new Promise((r) => setTimeout(r, 1_000));
      const res = await fetch(`${server.url}/api/v1/servers/demo/clients/${client.clientId}/activity`, { headers });
      expect(res.status).toBe(200);
      const { days } = (await res.json()) as { days: { tokensIssued: number }[] };
      issuedToday = days.at(-1)?.tokensIssued ?? 0;
    }
    expect(issuedToday).toBe(TOKENS);
  });
});
