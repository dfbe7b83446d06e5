// npm run bench:lists — latency of the Clients list at 100,000 clients in one MCP server, through
// the real route handler (GET /api/v1/servers/{slug}/clients) with an admin API key, on a fresh
// PGlite database, and on PostgreSQL too when DATABASE_URL is set. Prints p50/p95 per query.
import { performance } from "node:perf_hooks";
import { setDatabase, type Database } from "@/lib/db/client";
import { createApiKey, createScimToken, createServer, systemContext } from "@/lib/services";
import { openFreshDatabase } from "@/test/fresh-db";
import { GET as listClientsRoute } from "@/app/api/v1/servers/[slug]/clients/route";
import { GET as listConsentsRoute } from "@/app/api/v1/servers/[slug]/clients/[id]/consents/route";
import { GET as listScimUsersRoute } from "@/app/scim/v2/Users/route";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
/** Which lists to measure (comma-separated: clients, consents, scim); all by default. */
const LISTS = new Set((process.env.BENCH_LISTS ?? "clients,consents,scim").split(","));
/** BENCH_SKIP_PGLITE=1 measures PostgreSQL only (DATABASE_URL). */
const SKIP_PGLITE = process.env.BENCH_SKIP_PGLITE === "1";
const SLUG = "bench";

async function seed(database: Database): Promise<string> {
  const ctx = systemContext("bench", { db: database.prisma });
  const server = await createServer({
    ctx,
    input: { name: "Bench", slug: SLUG, resourceUrl: "https://bench.example.com/mcp", scopes: [{ name: "mcp:tools" }] },
  });
  const started = performance.now();
  // One INSERT … SELECT: a realistic mix of registration types, flows, usage and status.
  await database.withConnection((c) =>
    c.query(
      `INSERT INTO "OAuthClient" ("id","serverId","clientId","name","registration","isConfidential","tokenEndpointAuthMethod",
         "grantTypes","redirectUris","allowedScopes","createdAt","updatedAt","lastUsedAt","disabledAt")
       SELECT 'cli_bench' || g, $1, 'ghc_' || md5(g::text),
         (ARRAY['Claude Desktop','Cursor','VS Code','ChatGPT','Nightly sync','Agent','Inspector','Zed'])[1 + g % 8] || ' ' || g,
         (ARRAY['DYNAMIC','DYNAMIC','DYNAMIC','MANUAL','METADATA_DOCUMENT'])[1 + g % 5]::"ClientRegistration",
         g % 4 = 0, CASE WHEN g % 4 = 0 THEN 'client_secret_basic' ELSE 'none' END,
         CASE WHEN g % 10 = 3 THEN ARRAY['client_credentials'] ELSE ARRAY['authorization_code','refresh_token'] END,
         CASE WHEN g % 10 = 3 THEN ARRAY[]::text[] ELSE ARRAY['http://127.0.0.1/callback'] END,
         ARRAY['mcp:tools'],
         now() - (g || ' seconds')::interval, now(),
         CASE WHEN g % 3 = 0 THEN now() - ((g * 7) % 100000 || ' seconds')::interval END,
         CASE WHEN g % 50 = 0 THEN now() END
       FROM generate_series(1, $2::int) g`,
      [server.id, CLIENTS],
    ),
  );
  await database.withConnection((c) => c.exec(`ANALYZE "OAuthClient"`));
  console.log(
    `  seeded ${CLIENTS.toLocaleString("en")} clients in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const { token } = await createApiKey({ ctx, input: { name: "bench", role: "ADMIN", expiresIn: "30d" } });
  return token;
}

/** 100,000 users who all consented to one client (the Consents tab's worst case). */
async function seedConsents(database: Database): Promise<string> {
  const started = performance.now();
  const clientId = "cli_bench_consents";
  await database.withConnection(async (c) => {
    const [server] = await c.query<{ id: string }>(`SELECT "id" FROM "McpServer" WHERE "slug" = $1`, [SLUG]);
    await c.query(
      `INSERT INTO "OAuthClient" ("id","serverId","clientId","name","registration","isConfidential","tokenEndpointAuthMethod","grantTypes","redirectUris","allowedScopes","createdAt","updatedAt","consentCount")
       VALUES ($1, $2, 'ghc_bench_consents', 'Claude Desktop (team)', 'DYNAMIC', false, 'none', ARRAY['authorization_code','refresh_token'], ARRAY['http://127.0.0.1/callback'], ARRAY[]::text[], now(), now(), $3)`,
      [clientId, server?.id, CLIENTS],
    );
    await c.query(
      `INSERT INTO "User" ("id","email","name","createdAt","updatedAt")
       SELECT 'usr_bench' || g, 'person' || g || '@example.com', 'Person ' || g, now(), now() FROM generate_series(1, $1::int) g`,
      [CLIENTS],
    );
    await c.query(
      `INSERT INTO "Consent" ("id","serverId","clientId","userId","scopes","grantedAt","updatedAt","lastUsedAt")
       SELECT 'cns_bench' || g, $2, $3, 'usr_bench' || g, ARRAY['mcp:tools'], now() - (g || ' seconds')::interval, now(),
              CASE WHEN g % 2 = 0 THEN now() - ((g * 3) % 86400 || ' seconds')::interval END
         FROM generate_series(1, $1::int) g`,
      [CLIENTS, server?.id, clientId],
    );
    await c.exec(`ANALYZE "User"; ANALYZE "Consent";`);
  });
  console.log(
    `  seeded ${CLIENTS.toLocaleString("en")} users with a consent each to one client in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return clientId;
}

/** The Consents tab's 100,000 users, all provisioned over SCIM by one identity provider. */
async function seedScim(database: Database): Promise<string> {
  const started = performance.now();
  await database.withConnection(async (c) => {
    await c.query(
      `INSERT INTO "IdentityProvider" ("id","slug","label","issuer","clientId","updatedAt")
       VALUES ('idp_bench', 'bench', 'Bench IdP', 'https://idp.example.com', 'gatehouse', now())`,
    );
    await c.query(
      `UPDATE "User" SET "scimProviderId" = 'idp_bench', "scimExternalId" = '00u' || substr("id", 10)
        WHERE "id" LIKE 'usr_bench%'`,
    );
    // What autovacuum does after 100,000 updates: the visibility map lets paging read the index only.
    await c.exec(`VACUUM ANALYZE "User";`);
  });
  const ctx = systemContext("bench", { db: database.prisma });
  const { token } = await createScimToken({ ctx, input: { providerId: "idp_bench", name: "bench" } });
  console.log(`  provisioned them over SCIM in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return token;
}

async function getScimUsers(token: string, query: string): Promise<{ ms: number; rows: number }> {
  const req = new Request(`http://localhost:3000/scim/v2/Users?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const t = performance.now();
  const res = await listScimUsersRoute(req, { params: Promise.resolve({}) });
  const body = (await res.json()) as { Resources: unknown[]; totalResults: number };
  const ms = performance.now() - t;
  if (res.status !== 200)
    throw new Error(`GET /scim/v2/Users?${query} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, rows: body.Resources.length };
}

async function getConsents(
  token: string,
  clientId: string,
  query: string,
): Promise<{ ms: number; body: { consents: unknown[]; nextCursor: string | null } }> {
  const req = new Request(`http://localhost:3000/api/v1/servers/${SLUG}/clients/${clientId}/consents?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const t = performance.now();
  const res = await listConsentsRoute(req, { params: Promise.resolve({ slug: SLUG, id: clientId }) });
  const body = (await res.json()) as { consents: unknown[]; nextCursor: string | null };
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET consents ?${query} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

async function get(
  token: string,
  query: string,
): Promise<{ ms: number; body: { clients: unknown[]; nextCursor: string | null } }> {
  const req = new Request(`http://localhost:3000/api/v1/servers/${SLUG}/clients?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const t = performance.now();
  const res = await listClientsRoute(req, { params: Promise.resolve({ slug: SLUG }) });
  const body = (await res.json()) as { clients: unknown[]; nextCursor: string | null };
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET ?${query} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measure(
  token: string,
  label: string,
  query: string,
  fetchPage: (q: string) => Promise<{ ms: number; rows: number }> = async (q) => {
    const { ms, body } = await get(token, q);
    return { ms, rows: body.clients.length };
  },
) {
  for (let i = 0; i < 5; i++) await fetchPage(query);
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await fetchPage(query);
    times.push(r.ms);
    rows = r.rows;
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(48)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms   p95 ${pct(times, 95).toFixed(1).padStart(6)} ms   (${rows} rows)`,
  );
}

async function deepCursor(token: string, pages: number): Promise<string> {
  let cursor = "";
  for (let i = 0; i < pages; i++) {
    const { body } = await get(token, cursor ? `cursor=${cursor}` : "");
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  return cursor;
}

async function run(kind: string, url: string | undefined) {
  console.log(`\n${kind}`);
  const { database, drop } = await openFreshDatabase(url);
  setDatabase(database);
  try {
    const token = await seed(database);
    if (LISTS.has("clients")) await measureClients(token);
    if (LISTS.has("consents")) await measureConsents(database, token);
    if (LISTS.has("scim")) await measureScim(database, token);
  } finally {
    setDatabase(undefined);
    await drop();
  }
}

async function measureClients(token: string) {
  await measure(token, "first page (newest)", "");
  await measure(token, "search name ?q=cursor 4242", "q=cursor%204242");
  await measure(token, "search client ID ?q=<8 hex chars>", "q=6f4922f4");
  await measure(token, "filter ?type=METADATA_DOCUMENT", "type=METADATA_DOCUMENT");
  await measure(token, "filter ?flow=client_credentials&status=disabled", "flow=client_credentials&status=disabled");
  await measure(token, "sort ?sort=last_used", "sort=last_used");
  await measure(token, "sort ?sort=name", "sort=name");
  const cursor = await deepCursor(token, 400);
  await measure(token, "deep page (page 401, row 10,001)", `cursor=${cursor}`);
}

async function measureConsents(database: Database, token: string) {
  console.log("  Consents tab:");
  const clientId = await seedConsents(database);
  const consents = async (q: string) => {
    const { ms, body } = await getConsents(token, clientId, q);
    return { ms, rows: body.consents.length };
  };
  await measure(token, "consents: first page (newest)", "", consents);
  await measure(token, "consents: search ?q=person4242@", "q=person4242%40", consents);
  await measure(token, "consents: search by name ?q=Person 777", "q=Person%20777", consents);
  let consentCursor = "";
  for (let i = 0; i < 400; i++) {
    const { body } = await getConsents(token, clientId, consentCursor ? `cursor=${consentCursor}` : "");
    if (!body.nextCursor) break;
    consentCursor = body.nextCursor;
  }
  await measure(token, "consents: deep page (page 401)", `cursor=${consentCursor}`, consents);
}

async function measureScim(database: Database, token: string) {
  console.log("  SCIM /scim/v2/Users:");
  const scimToken = await seedScim(database);
  const scim = (q: string) => getScimUsers(scimToken, q);
  const filter = (f: string) => `filter=${encodeURIComponent(f)}`;
  await measure(token, 'scim: filter=userName eq "person4242@…"', filter('userName eq "person4242@example.com"'), scim);
  await measure(token, 'scim: filter=externalId eq "00u77777"', filter('externalId eq "00u77777"'), scim);
  await measure(token, "scim: startIndex=1&count=100", "startIndex=1&count=100", scim);
  await measure(token, "scim: startIndex=50001&count=100", "startIndex=50001&count=100", scim);
  await measure(token, "scim: startIndex=99901&count=100", "startIndex=99901&count=100", scim);
}

console.log(
  `Clients list at ${CLIENTS.toLocaleString("en")} clients, ${RUNS} requests per query, through the route handler`,
);
if (!SKIP_PGLITE) await run("PGlite (embedded)", undefined);
if (process.env.DATABASE_URL)
  await run(`PostgreSQL (${new URL(process.env.DATABASE_URL).host})`, process.env.DATABASE_URL);
process.exit(0);
