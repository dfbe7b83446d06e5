// The caches learn of writes they did not make: a row changed behind the services' backs (raw SQL,
// as another instance's write looks to this process) stays cached until its notification arrives.
// Date.now is frozen so the 1 s expiry can never be what refreshed an entry.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setDatabase, type Database } from "@/lib/db/client";
import { startNotificationListener, type NotificationListener } from "@/lib/db/notification-listener";
import { systemContext } from "@/lib/services";
import { openFreshDatabase } from "@/test/fresh-db";
import { insertServer } from "@/test/factories";
import { CACHE_CHANNEL, forgetAllCached, invalidateCached, listenForInvalidations } from "./cache-invalidation";
import { loadOAuthServer } from "./oauth/oauth-server";

let database: Database;
let drop: () => Promise<void>;
const ctx = () => systemContext("test");

beforeAll(async () => {
  ({ database, drop } = await openFreshDatabase());
  setDatabase(database);
});
afterAll(async () => {
  setDatabase(undefined);
  await drop();
});
afterEach(() => {
  vi.restoreAllMocks();
  forgetAllCached();
});

const rename = (slug: string, name: string) =>
  database.prisma.$executeRawUnsafe(`UPDATE "McpServer" SET "name" = $1 WHERE "slug" = $2`, name, slug);

describe("invalidateCached", () => {
  it("deletes the named server, and only on its notification", async () => {
    vi.spyOn(Date, "now").mockReturnValue(1_000_000);
    const { slug } = await insertServer(database);
    expect((await loadOAuthServer(ctx(), slug))?.slug).toBe(slug);
    const before = (await loadOAuthServer(ctx(), slug))?.name;
    await rename(slug, "Renamed"); // no listener in this process yet: nothing announces it
    expect((await loadOAuthServer(ctx(), slug))?.name).toBe(before);
    invalidateCached(`server:other-${slug}`);
    expect((await loadOAuthServer(ctx(), slug))?.name).toBe(before);
    invalidateCached(`server:${slug}`);
    expect((await loadOAuthServer(ctx(), slug))?.name).toBe("Renamed");
  });

  it("forgets everything on a payload it does not understand", async () => {
    vi.spyOn(Date, "now").mockReturnValue(2_000_000);
    const { slug } = await insertServer(database);
    await loadOAuthServer(ctx(), slug);
    await rename(slug, "Again");
    invalidateCached("something-new");
    expect((await loadOAuthServer(ctx(), slug))?.name).toBe("Again");
  });
});

describe.skipIf(process.env.DATABASE_URL)("on PGlite (in-process NOTIFY)", () => {
  it("a write the services did not announce reaches the cache before the writer continues", async () => {
    vi.spyOn(Date, "now").mockReturnValue(3_000_000);
    await listenForInvalidations(database);
    const { slug } = await insertServer(database);
    await loadOAuthServer(ctx(), slug);
    await rename(slug, "Seen at once");
    expect((await loadOAuthServer(ctx(), slug))?.name).toBe("Seen at once");
  });
});

describe.skipIf(!process.env.DATABASE_URL)("on PostgreSQL (dedicated LISTEN session)", () => {
  let listener: NotificationListener | undefined;
  afterEach(async () => {
    await listener?.stop();
    listener = undefined;
  });

  /** Resolves with the next payload that `match` accepts. */
  function listen(onConnect: () => void = () => undefined) {
    const waiting: { match: (p: string) => boolean; resolve: (p: string) => void }[] = [];
    listener = startNotificationListener({
      connectionString: database.connectionString!,
      channel: CACHE_CHANNEL,
      backoffMs: 20,
      // As the server's listener does (listenForInvalidations): notifications sent while no session
      // listened are lost, so every (re)connect forgets everything before anything else happens.
      onConnect: () => {
        forgetAllCached();
        onConnect();
      },
      onNotify(payload) {
        invalidateCached(payload);
        for (const w of waiting.filter((w) => w.match(payload))) w.resolve(payload);
      },
    });
    return (match: (p: string) => boolean) => new Promise<string>((resolve) => waiting.push({ match, resolve }));
  }

  it("another session's write deletes the cached server", async () => {
    vi.spyOn(Date, "now").mockReturnValue(4_000_000);
    const next = listen();
    await listener!.ready;
    const { slug, id } = await insertServer(database);
    await loadOAuthServer(ctx(), slug);
    const heard = next((p) => p === `server:${slug}`);
    const other = new pg.Client({ connectionString: database.connectionString });
    await other.connect();
    await other.query(`UPDATE "McpServer" SET "name" = 'From elsewhere' WHERE "id" = $1`, [id]);
    await other.end();
    await heard;
    expect((await loadOAuthServer(ctx(), slug))?.name).toBe("From elsewhere");
  });

  it("reconnects after its session is killed, forgets everything, and hears again", async () => {
    let connects = 0;
    let reconnected!: () => void;
    const again = new Promise<void>((r) => (reconnected = r));
    const next = listen(() => ++connects === 2 && reconnected());
    await listener!.ready;
    const first = listener!.backendPid();
    expect(first).toBeTypeOf("number");
    vi.spyOn(Date, "now").mockReturnValue(5_000_000);
    const { slug } = await insertServer(database);
    await loadOAuthServer(ctx(), slug);
    await database.prisma.$executeRawUnsafe(`SELECT pg_terminate_backend(${first})`);
    // While no session listens, a change is lost; the reconnect must forget it anyway.
    await database.prisma.$executeRawUnsafe(`UPDATE "McpServer" SET "name" = 'While away' WHERE "slug" = $1`, slug);
    await again;
    expect(listener!.backendPid()).not.toBe(first);
    expect((await loadOAuthServer(ctx(), slug))?.name).toBe("While away");
    const heard = next((p) => p === `server:${slug}`);
    await database.prisma.$executeRawUnsafe(`UPDATE "McpServer" SET "name" = 'After' WHERE "slug" = $1`, slug);
    await heard;
    expect((await loadOAuthServer(ctx(), slug))?.name).toBe("After");
  });
});
