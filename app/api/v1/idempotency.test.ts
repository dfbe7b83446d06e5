// Idempotency-Key on creates: a retry returns the first response (secret included, sealed at rest),
// another request under the same key is a 422, keys are per principal and last 24 hours.
import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { insertServer, makeCtx } from "@/test/factories";
import { documented } from "@/test/api-contract";
import { createApiKey, runIdempotent } from "@/lib/services";

const clientsRoute = documented("/api/v1/servers/{slug}/clients", await import("./servers/[slug]/clients/route"));
const serversRoute = documented("/api/v1/servers", await import("./servers/route"));

const database = await createTestDb();
const server = await insertServer(database);
const owner = await makeCtx(database, "OWNER");
const newKey = async () => (await createApiKey({ ctx: owner, input: { name: "idem", role: "ADMIN" } })).token;
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const slug = params({ slug: server.slug });

function post(path: string, token: string, body: unknown, key?: string): Request {
  const headers = new Headers({ "content-type": "application/json", authorization: `Bearer ${token}` });
  if (key !== undefined) headers.set("idempotency-key", key);
  return new Request(`http://localhost:3000${path}`, { method: "POST", headers, body: JSON.stringify(body) });
}
const clientsPath = `/api/v1/servers/${server.slug}/clients`;
const countNamed = (name: string) => database.prisma.oAuthClient.count({ where: { name } });

describe("Idempotency-Key", () => {
  it("replays the first response, one-time secret included, and creates once", async () => {
    const token = await newKey();
    const key = crypto.randomUUID();
    const first = await clientsRoute.POST(post(clientsPath, token, { name: "Once", allowedScopes: [] }, key), slug);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const firstBody = await first.text();
    // Same request, keys in another order: a retry.
    const again = await clientsRoute.POST(post(clientsPath, token, { allowedScopes: [], name: "Once" }, key), slug);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("cache-control")).toBe("no-store");
    expect(await again.text()).toBe(firstBody);
    expect(await countNamed("Once")).toBe(1);
    const secret = (JSON.parse(firstBody) as { clientSecret: string }).clientSecret;
    const row = await database.prisma.idempotencyKey.findFirstOrThrow({ where: { key } });
    expect(row.status).toBe(201);
    expect(row.responseSealed).not.toContain(secret);
    expect(row.responseSealed).not.toContain("Once");
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(23.9 * 3_600_000);
  });

  it("refuses the same key with a different request (422, naming the header)", async () => {
    const token = await newKey();
    const key = crypto.randomUUID();
    expect((await clientsRoute.POST(post(clientsPath, token, { name: "First" }, key), slug)).status).toBe(201);
    const other = await clientsRoute.POST(post(clientsPath, token, { name: "Second" }, key), slug);
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({
      error: { code: "INVALID", fields: { "Idempotency-Key": [expect.any(String)] } },
    });
    const elsewhere = await serversRoute.POST(post("/api/v1/servers", token, { name: "First" }, key), params({}));
    expect(elsewhere.status).toBe(422);
    expect(await countNamed("Second")).toBe(0);
  });

  it("scopes keys per API key, keeps nothing from a failed create, and refuses a malformed key", async () => {
    const key = crypto.randomUUID();
    const [a, b] = [await newKey(), await newKey()];
    expect((await clientsRoute.POST(post(clientsPath, a, { name: "Per key" }, key), slug)).status).toBe(201);
    expect((await clientsRoute.POST(post(clientsPath, b, { name: "Per key" }, key), slug)).status).toBe(201);
    expect(await countNamed("Per key")).toBe(2);

    const failing = crypto.randomUUID();
    const bad = await clientsRoute.POST(
      post(clientsPath, a, { name: "Scoped", allowedScopes: ["nope"] }, failing),
      slug,
    );
    expect(bad.status).toBe(422);
    expect(await database.prisma.idempotencyKey.count({ where: { key: failing } })).toBe(0);
    const fixed = await clientsRoute.POST(post(clientsPath, a, { name: "Scoped" }, failing), slug);
    expect(fixed.status).toBe(201);

    const malformed = await clientsRoute.POST(post(clientsPath, a, { name: "x" }, "x".repeat(256)), slug);
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toMatchObject({ error: { fields: { "Idempotency-Key": [expect.any(String)] } } });
  });

  it("creates once when two retries race", async () => {
    const token = await newKey();
    const key = crypto.randomUUID();
    const answers = await Promise.all(
      [1, 2, 3].map(() => clientsRoute.POST(post(clientsPath, token, { name: "Raced" }, key), slug)),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(await countNamed("Raced")).toBe(1);
  });

  it("forgets a key after 24 hours", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    let runs = 0;
    const create = async () => ({ status: 201, contentType: "application/json", body: String(++runs) });
    const t0 = new Date();
    await runIdempotent({ ctx, key: "day", fingerprint: "f", create, now: t0 });
    const replay = await runIdempotent({
      ctx,
      key: "day",
      fingerprint: "f",
      create,
      now: new Date(t0.getTime() + 23 * 3_600_000),
    });
    expect(replay).toEqual({ replayed: true, response: expect.objectContaining({ body: "1" }) });
    const later = await runIdempotent({
      ctx,
      key: "day",
      fingerprint: "g",
      create,
      now: new Date(t0.getTime() + 25 * 3_600_000),
    });
    expect(later).toEqual({ replayed: false, response: expect.objectContaining({ body: "2" }) });
  });
});
