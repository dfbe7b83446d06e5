// npm run bench:status-list — a Token Status List for 1,000,000 issued access tokens (issue 16):
// its size on the wire (the signed, compressed statuslist+jwt) and the time to rebuild it from the
// database, on a fresh PGlite database and on PostgreSQL too when DATABASE_URL is set. The tokens are
// rows as mintAccessToken leaves them: 1,000 people with one authorization each and 900 tokens per
// authorization, plus 100,000 client-credentials tokens; then 1.3 % of them are ended the ways
// Gatehouse ends tokens (10 authorizations revoked, 1 person disabled, 2,000 jtis revoked).
import { performance } from "node:perf_hooks";
import { setDatabase } from "@/lib/db/client";
import { createServer, systemContext } from "@/lib/services";
import { loadOAuthServer } from "@/lib/services/oauth/oauth-server";
import { STATUS_LIST_CAPACITY, statusListInvalid, statusListToken } from "@/lib/services/oauth/status-lists";
import { openFreshDatabase } from "@/test/fresh-db";

const TOKENS = Number(process.env.BENCH_TOKENS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PEOPLE = 1_000;
const CC_TOKENS = Math.round(TOKENS / 10);
const PER_FAMILY = Math.floor((TOKENS - CC_TOKENS) / PEOPLE);

async function run(kind: string, url: string | undefined) {
  console.log(`\n${kind}`);
  const { database, drop } = await openFreshDatabase(url);
  setDatabase(database);
  try {
    const ctx = systemContext("bench", { db: database.prisma });
    await createServer({
      ctx,
      input: { name: "Bench", slug: "bench", resourceUrl: "https://bench.example.com/mcp", scopes: [] },
    });
    const server = (await loadOAuthServer(ctx, "bench"))!;
    const started = performance.now();
    await database.withConnection(async (c) => {
      const q = (sql: string, params: unknown[] = []) => c.query(sql, params);
      await q(
        `INSERT INTO "OAuthClient" ("id","serverId","clientId","name","registration","isConfidential","tokenEndpointAuthMethod","grantTypes","redirectUris","allowedScopes","createdAt","updatedAt")
         VALUES ('cli_app', $1, 'ghc_app', 'App', 'MANUAL', false, 'none', ARRAY['authorization_code','refresh_token'], ARRAY['http://127.0.0.1/cb'], ARRAY[]::text[], now(), now()),
                ('cli_job', $1, 'ghc_job', 'Job', 'MANUAL', true, 'client_secret_basic', ARRAY['client_credentials'], ARRAY[]::text[], ARRAY[]::text[], now(), now())`,
        [server.id],
      );
      await q(
        `INSERT INTO "User" ("id","email","updatedAt") SELECT 'usr_' || g, 'p' || g || '@example.com', now() FROM generate_series(1, $1::int) g`,
        [PEOPLE],
      );
      await q(
        `INSERT INTO "Consent" ("id","serverId","clientId","userId","scopes","updatedAt")
         SELECT 'cns_' || g, $1, 'cli_app', 'usr_' || g, ARRAY[]::text[], now() FROM generate_series(1, $2::int) g`,
        [server.id, PEOPLE],
      );
      await q(
        `INSERT INTO "RefreshFamily" ("id","serverId","clientId","userId","consentId","scopes","resource","expiresAt")
         SELECT 'fam_' || g, $1, 'cli_app', 'usr_' || g, 'cns_' || g, ARRAY[]::text[], 'https://bench.example.com/mcp', now() + interval '30 days'
           FROM generate_series(1, $2::int) g`,
        [server.id, PEOPLE],
      );
      await q(`INSERT INTO "StatusList" ("id","serverId","capacity") VALUES ('sl_bench', $1, $2)`, [
        server.id,
        STATUS_LIST_CAPACITY,
      ]);
      // Distinct scattered indexes: g × an odd constant modulo 2^21 is a permutation.
      await q(
        `INSERT INTO "StatusListEntry" ("listId","idx","jti","clientId","userBound","familyId")
         SELECT 'sl_bench', ((g::bigint * 1000003) % $1)::int, 'jti_' || g,
                CASE WHEN g <= $2 THEN 'cli_job' ELSE 'cli_app' END, g > $2,
                CASE WHEN g > $2 THEN 'fam_' || (1 + (g - $2) % $3) END
           FROM generate_series(1, $4::int) g`,
        [STATUS_LIST_CAPACITY, CC_TOKENS, PEOPLE, CC_TOKENS + PER_FAMILY * PEOPLE],
      );
      // What ends tokens: revoked authorizations, a disabled person, revoked access tokens.
      await q(
        `UPDATE "RefreshFamily" SET "revokedAt" = now() WHERE "id" IN (SELECT 'fam_' || g FROM generate_series(1, 10) g)`,
      );
      await q(`UPDATE "User" SET "disabledAt" = now() WHERE "id" = 'usr_500'`);
      await q(
        `INSERT INTO "RevokedAccessToken" ("jti","expiresAt") SELECT 'jti_' || (g * 397), now() + interval '1 hour' FROM generate_series(1, 2000) g`,
      );
      await c.exec(`ANALYZE "StatusListEntry"; ANALYZE "RefreshFamily"; ANALYZE "User"; ANALYZE "RevokedAccessToken"`);
    });
    const tokens = CC_TOKENS + PER_FAMILY * PEOPLE;
    console.log(
      `  seeded ${tokens.toLocaleString("en")} tokens in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const times: number[] = [];
    let jwt = "";
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const built = await statusListToken(ctx, server, "sl_bench");
      times.push(performance.now() - t0);
      jwt = built!.jwt;
    }
    times.sort((a, b) => a - b);
    const invalid = (await statusListInvalid(ctx, "sl_bench")).length;
    const lst = (
      JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as { status_list: { lst: string } }
    ).status_list.lst;
    console.log(`  invalid tokens: ${invalid.toLocaleString("en")} (${((100 * invalid) / tokens).toFixed(2)} %)`);
    console.log(
      `  rebuild (query + compress + sign), ${RUNS} runs: median ${times[Math.floor(RUNS / 2)]!.toFixed(0)} ms, ` +
        `min ${times[0]!.toFixed(0)} ms, max ${times[RUNS - 1]!.toFixed(0)} ms`,
    );
    console.log(
      `  on the wire: ${Buffer.byteLength(jwt).toLocaleString("en")} bytes (statuslist+jwt); lst ${lst.length.toLocaleString("en")} characters for ${(STATUS_LIST_CAPACITY / 8 / 1024).toFixed(0)} KiB of bits`,
    );
  } finally {
    setDatabase(undefined);
    await drop();
  }
}

console.log(`Token Status List for ${TOKENS.toLocaleString("en")} issued access tokens`);
await run("PGlite (embedded)", undefined);
if (process.env.DATABASE_URL)
  await run(`PostgreSQL (${new URL(process.env.DATABASE_URL).host})`, process.env.DATABASE_URL);
process.exit(0);
