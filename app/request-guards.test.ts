// Issue 10, defects 3 and 4, through the real handlers and a real database: bodies are capped by
// Content-Length and while streaming (413 in each surface's format), and a NUL character in a JSON
// string, a form value or Basic credentials is a 400/422 in the surface's format — never the 500
// that PostgreSQL's refusal of 0x00 used to become. (The URL and method checks in front of every
// route are in lib/http/edge-guard.test.ts and, through `next start`, test/fuzz/edge.test.ts.)
import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { insertServer, makeCtx, unique } from "@/test/factories";
import { inProcessFetch } from "@/test/in-process-fetch";
import { createApiKey } from "@/lib/services";
import { startAuthorization } from "@/lib/services/oauth/authorization";
import * as clientsRoute from "./api/v1/servers/[slug]/clients/route";

const database = await createTestDb();
const server = await insertServer(database, { dcrEnabled: true, dcrRateLimitPerHour: 0 });
const origin = "http://localhost:3000";
const CB = "http://127.0.0.1:33418/callback";

/** A body of `bytes` bytes streamed without a Content-Length (as a chunked upload arrives). */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, bytes - sent)).fill(32);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

const register = (body: BodyInit, headers: Record<string, string> = {}) =>
  inProcessFetch(`${origin}/oauth/${server.slug}/register`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);

describe("POST /oauth/{slug}/register", () => {
  it("refuses a body over 64 KiB by Content-Length and while streaming: 413 invalid_request", async () => {
    const big = JSON.stringify({ redirect_uris: [CB], client_name: "x".repeat(70_000) });
    for (const res of [await register(big), await register(chunked(20 * 1024 * 1024))]) {
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: "invalid_request" });
    }
    expect(await database.prisma.oAuthClient.count({ where: { serverId: server.id } })).toBe(0);
  });

  it.each([
    ["client_name", { client_name: "a\u0000b", redirect_uris: [CB] }],
    ["a redirect URI", { redirect_uris: [`${CB}\u0000`] }],
    ["a key", { redirect_uris: [CB], "x\u0000": 1 }],
  ])("refuses a NUL in %s with 400 invalid_client_metadata", async (_where, body) => {
    const res = await register(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_client_metadata" });
  });
});

describe("the token endpoint (Node adapter)", () => {
  const token = (body: string, headers: Record<string, string> = {}) =>
    inProcessFetch(`${origin}/oauth/${server.slug}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });

  it("refuses NUL in Basic credentials and in form values with 400 invalid_request", async () => {
    const basic = (s: string) => ({ authorization: `Basic ${Buffer.from(s).toString("base64")}` });
    for (const res of [
      await token("grant_type=client_credentials", basic("a%00:b")),
      await token("grant_type=client_credentials", basic("a:b\0")),
      await token("grant_type=client_credentials&client_id=a%00b"),
      await token("grant_type=client_credentials&client_id=a&client_secret=%00"),
    ]) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_request" });
    }
  });
});

describe("POST /oauth/{slug}/authorize", () => {
  it("refuses a form over 64 KiB with 413 and a NUL in a value with 400 (error pages)", async () => {
    const authorize = (body: BodyInit) =>
      startAuthorization(
        new Request(`${origin}/oauth/${server.slug}/authorize`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body,
          duplex: "half",
        } as RequestInit),
        server.slug,
        null,
      );
    expect(await authorize(chunked(1024 * 1024))).toMatchObject({ kind: "error_page", status: 413 });
    expect(await authorize("client_id=a%00b&response_type=code")).toMatchObject({ kind: "error_page", status: 400 });
  });
});

describe("the admin API", async () => {
  const owner = await makeCtx(database, "OWNER");
  const { token } = await createApiKey({ ctx: owner, input: { name: unique("key"), role: "ADMIN" } });
  const create = (body: BodyInit) =>
    clientsRoute.POST(
      new Request(`${origin}/api/v1/servers/${server.slug}/clients`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ slug: server.slug }) },
    );

  it("refuses a body over 1 MiB while streaming: 413 PAYLOAD_TOO_LARGE in the envelope", async () => {
    const res = await create(chunked(20 * 1024 * 1024));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("refuses a NUL in a JSON string with 422 INVALID, and still creates a clean client", async () => {
    const res = await create(JSON.stringify({ name: "CI\u0000bot" }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: "INVALID" } });
    expect((await create(JSON.stringify({ name: "CI bot" }))).status).toBe(201);
  });
});
