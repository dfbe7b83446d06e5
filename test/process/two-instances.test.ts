// Issue 14: two real `next start` processes on one PostgreSQL database, as behind a load balancer
// (one GATEHOUSE_URL, one GATEHOUSE_SECRET). Both start at once, so both race to migrate the fresh
// database under the advisory lock. Then, across them: a code issued for A's authorization is
// redeemed on B, refreshed on A, refreshed concurrently on A and B within the grace window (same
// successor), consent revoked on B makes introspection on A say inactive at once, and a client
// disabled on A is refused on B right after B cached it as enabled: only B's LISTEN session
// (lib/db/notification-listener.ts) can have told it, since the 1 s cache has not expired.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "@/scripts/bench/harness";
import { describeProcesses, startServer, storeEnv, tsx, type Server, type Store } from "./processes";

const ADMIN_URL = process.env.DATABASE_URL ?? "";
const METRICS_TOKEN = "two-instances-metrics-token-0123456789";

/** B's count of cache entries dropped on a NOTIFY, read from its Prometheus scrape. */
async function notifyInvalidations(base: string): Promise<number> {
  const res = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.text();
  const line = text.split("\n").find((l) => l.startsWith('gatehouse_cache_invalidations_total{source="notify"}'));
  return line ? Number(line.split(" ").pop()) : 0;
}
const onPostgres = /^postgres(ql)?:\/\//.test(ADMIN_URL);

interface Seeded {
  apiKey: string;
  code: string;
  verifier: string;
  redirectUri: string;
  resource: string;
  clientId: string;
  introspector: { clientId: string; clientSecret: string };
}

interface Tokens {
  access_token: string;
  refresh_token: string;
}

describeProcesses(
  "two instances on one PostgreSQL database",
  () => {
    const name = `gh_two_${randomBytes(5).toString("hex")}`;
    const store: Store = { dataDir: "/nonexistent-unused" };
    const servers: Server[] = [];

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      store.databaseUrl = url.toString();
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    });

    it("authorize, redeem, refresh, revoke and disable across A and B", { timeout: 300_000 }, async () => {
      const [portA, portB] = [await freePort(), await freePort()];
      // Behind a proxy both answer for one public URL: the issuer in every token.
      const publicUrl = `http://127.0.0.1:${portA}`;
      const [a, b] = await Promise.all([
        startServer(store, { GATEHOUSE_URL: publicUrl, GATEHOUSE_METRICS_TOKEN: METRICS_TOKEN }, portA),
        startServer(store, { GATEHOUSE_URL: publicUrl, GATEHOUSE_METRICS_TOKEN: METRICS_TOKEN }, portB),
      ]);
      servers.push(a, b);
      const urlA = `http://127.0.0.1:${portA}`;
      const urlB = `http://127.0.0.1:${portB}`;

      const seed = await tsx({ ...storeEnv(store), GATEHOUSE_URL: publicUrl }, "test/process/two-instances-seed.ts");
      expect(seed.code, seed.stderr).toBe(0);
      const line = seed.stdout.split("\n").find((l) => l.startsWith("SEED ")) ?? "";
      const s = JSON.parse(line.slice("SEED ".length)) as Seeded;

      const form = { "content-type": "application/x-www-form-urlencoded" };
      const token = (base: string, params: Record<string, string>) =>
        fetch(`${base}/oauth/demo/token`, {
          method: "POST",
          headers: form,
          body: new URLSearchParams({ client_id: s.clientId, ...params }).toString(),
        });
      const refresh = (base: string, refreshToken: string) =>
        token(base, { grant_type: "refresh_token", refresh_token: refreshToken });
      const basic = Buffer.from(`${s.introspector.clientId}:${s.introspector.clientSecret}`).toString("base64");
      const introspect = async (base: string, t: string) => {
        const res = await fetch(`${base}/oauth/demo/introspect`, {
          method: "POST",
          headers: { ...form, authorization: `Basic ${basic}` },
          body: new URLSearchParams({ token: t }).toString(),
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { active: boolean }).active;
      };
      const adminPost = (base: string, path: string, body: unknown) =>
        fetch(`${base}/api/v1/servers/demo/clients/${s.clientId}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${s.apiKey}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });

      // The code issued for the authorization is redeemed on B.
      const redeemed = await token(urlB, {
        grant_type: "authorization_code",
        code: s.code,
        code_verifier: s.verifier,
        redirect_uri: s.redirectUri,
        resource: s.resource,
      });
      expect(redeemed.status, await redeemed.clone().text()).toBe(200);
      const first = (await redeemed.json()) as Tokens;
      expect(await introspect(urlA, first.access_token)).toBe(true);

      // Refreshed on A.
      const onA = await refresh(urlA, first.refresh_token);
      expect(onA.status).toBe(200);
      const second = (await onA.json()) as Tokens;
      expect(second.refresh_token).not.toBe(first.refresh_token);

      // Concurrent refreshes of one token on A and B, within the grace window: one successor.
      const [ra, rb] = await Promise.all([refresh(urlA, second.refresh_token), refresh(urlB, second.refresh_token)]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const [ta, tb] = (await Promise.all([ra.json(), rb.json()])) as [Tokens, Tokens];
      expect(ta.refresh_token).toBe(tb.refresh_token);

      // Consent revoked on B: introspection on A says inactive at once.
      expect(await introspect(urlA, ta.access_token)).toBe(true);
      const revoked = await adminPost(urlB, "/consents/revoke-all", { confirmName: "Agent" });
      expect(revoked.status, await revoked.clone().text()).toBe(200);
      expect(await introspect(urlA, ta.access_token)).toBe(false);

      // B caches the client as enabled (an unknown code still needs the client looked up), then A
      // disables it, and B refuses the very next request: NOTIFY, not expiry, told B.
      const warm = await token(urlB, {
        grant_type: "authorization_code",
        code: "no-such-code",
        code_verifier: s.verifier,
        redirect_uri: s.redirectUri,
      });
      expect(((await warm.json()) as { error: string }).error).toBe("invalid_grant");
      const heardBefore = await notifyInvalidations(urlB);
      const disabled = await adminPost(urlA, "/disable", {});
      expect(disabled.status, await disabled.clone().text()).toBe(200);
      const refused = await token(urlB, {
        grant_type: "authorization_code",
        code: "no-such-code",
        code_verifier: s.verifier,
        redirect_uri: s.redirectUri,
      });
      expect(((await refused.json()) as { error: string }).error).toBe("invalid_client");
      // On a slow machine the 1 s expiry alone could explain the refusal: B's counter shows the
      // NOTIFY from A's write reached B's LISTEN session.
      expect(await notifyInvalidations(urlB)).toBeGreaterThan(heardBefore);
    });
  },
  onPostgres ? undefined : "DATABASE_URL does not point to PostgreSQL (two instances cannot share PGlite)",
);
