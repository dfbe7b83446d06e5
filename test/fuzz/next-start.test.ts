// Issue 10 through a real `next start` (where Next.js's own 500s came from: TRACE, multipart,
// server-action size and Origin), then a bounded fuzz run over every public surface (FUZZ_TEST_RUNS,
// 300 by default; `npm run fuzz` sends 10,000). Needs a production build in .next: without one the
// whole file is skipped and says so (`npx next build` first; npm test should build once before the
// tests that start servers).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReport, runFuzz, send } from "./run";
import { hasBuild, startFuzzTarget, type FuzzTarget } from "./target";
import type { FuzzRequest } from "./requests";

const built = hasBuild();
const RUNS = Number(process.env.FUZZ_TEST_RUNS ?? 300);

let target: FuzzTarget;

async function request(r: Omit<FuzzRequest, "surface" | "headers"> & { headers?: Record<string, string> }) {
  const result = await send(new URL(target.base), new http.Agent(), { surface: "", headers: {}, ...r }, 30_000);
  if (typeof result === "string") throw new Error(`${r.method} ${r.path}: ${result}`);
  return {
    status: result.status,
    json: () => {
      try {
        return JSON.parse(result.body) as unknown;
      } catch {
        throw new Error(`${r.method} ${r.path} answered ${result.status} with ${JSON.stringify(result.body)}`);
      }
    },
  };
}

/** Sends only the headers of a POST declaring `declared` bytes and reports the answer. */
function declaredUpload(path: string, declared: number, headers: Record<string, string>): Promise<number> {
  const base = new URL(target.base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: base.hostname,
        port: base.port,
        path,
        method: "POST",
        headers: { ...headers, "content-length": declared },
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", reject);
    req.flushHeaders();
  });
}

describe.skipIf(!built)(
  `issue 10 through next start${built ? "" : " (SKIPPED: no production build in .next — run `npx next build` first)"}`,
  () => {
    beforeAll(async () => {
      target = await startFuzzTarget();
    }, 240_000);
    afterAll(async () => {
      await target?.stop();
    }, 30_000);

    it("TRACE and other methods are 405 with Allow on every surface, in its format (were 500)", async () => {
      for (const path of [
        "/oauth/fuzz/jwks",
        "/oauth/fuzz/token",
        "/.well-known/oauth-authorization-server/oauth/fuzz",
        "/mcp/fuzz",
      ]) {
        const res = await request({ method: "TRACE", path });
        expect([res.status, res.json()], path).toEqual([405, expect.objectContaining({ error: "invalid_request" })]);
      }
      for (const method of ["TRACE", "PROPFIND"]) {
        const admin = await request({ method, path: "/api/v1/servers" });
        expect([admin.status, admin.json()]).toEqual([
          405,
          { error: { code: "METHOD_NOT_ALLOWED", message: expect.any(String) } },
        ]);
      }
      for (const path of ["/api/health", "/api/auth/session", "/sign-in", "/servers"])
        expect((await request({ method: "TRACE", path })).status, path).toBe(405);
      // Methods Node's HTTP parser does not know (TRACK, made-up ones) never reach any code: Node
      // answers 400 itself.
      expect((await request({ method: "TRACK", path: "/sign-in" })).status).toBe(400);
    });

    it("%00 in a path segment, the query, Basic credentials or a JSON string is 400 in each surface's format (was 500)", async () => {
      for (const path of [
        "/oauth/%00/jwks",
        "/mcp/%00",
        "/oauth/fuzz/authorize?client_id=a%00b",
        "/.well-known/oauth-authorization-server/oauth/%00",
      ]) {
        const res = await request({ method: "GET", path });
        expect([res.status, res.json()], path).toEqual([400, expect.objectContaining({ error: "invalid_request" })]);
      }
      const bearer = { authorization: `Bearer ${target.context.apiKey}` };
      for (const path of ["/api/v1/servers/%00/clients", "/api/v1/servers/fuzz/clients?q=a%00"]) {
        const res = await request({ method: "GET", path, headers: bearer });
        expect([res.status, res.json()], path).toEqual([
          400,
          { error: { code: "BAD_REQUEST", message: expect.any(String) } },
        ]);
      }
      const basic = `Basic ${Buffer.from("a%00:b").toString("base64")}`;
      const token = await request({
        method: "POST",
        path: "/oauth/fuzz/token",
        headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
        body: Buffer.from("grant_type=client_credentials"),
      });
      expect([token.status, token.json()]).toEqual([400, expect.objectContaining({ error: "invalid_request" })]);
      const register = await request({
        method: "POST",
        path: "/oauth/fuzz/register",
        headers: { "content-type": "application/json" },
        body: Buffer.from('{"client_name":"a\\u0000b","redirect_uris":["http://127.0.0.1:33418/cb"]}'),
      });
      expect([register.status, register.json()]).toEqual([
        400,
        expect.objectContaining({ error: "invalid_client_metadata" }),
      ]);
      const created = await request({
        method: "POST",
        path: "/api/v1/servers/fuzz/clients",
        headers: { ...bearer, "content-type": "application/json" },
        body: Buffer.from('{"name":"a\\u0000b"}'),
      });
      expect(created.status).toBe(422);
    });

    it("bodies over the caps are 413 in each surface's format, declared or streamed (were read whole)", async () => {
      const json = { "content-type": "application/json" };
      expect(await declaredUpload("/oauth/fuzz/register", 100 * 1024 * 1024, json)).toBe(413);
      expect(
        await declaredUpload("/api/v1/servers", 20 * 1024 * 1024, {
          ...json,
          authorization: `Bearer ${target.context.apiKey}`,
        }),
      ).toBe(413);
      const streamed = await request({
        method: "POST",
        path: "/oauth/fuzz/register",
        headers: json,
        body: Buffer.alloc(3 * 1024 * 1024, 0x20),
        chunked: true,
      });
      expect([streamed.status, streamed.json()]).toEqual([413, expect.objectContaining({ error: "invalid_request" })]);
    });

    it("page routes: bad multipart is 400, over 1 MB 413, a server action from a foreign Origin 403 (were 500)", async () => {
      const [signIn] = target.context.actions.filter((a) => a.path === "/sign-in");
      expect(signIn).toBeDefined();
      const action = { "next-action": signIn!.id, origin: target.base };
      const multipart = { "content-type": "multipart/form-data; boundary=xyz" };
      const form = Buffer.from('--xyz\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--xyz--\r\n');
      const bad = await request({
        method: "POST",
        path: "/sign-in",
        headers: { ...action, ...multipart },
        body: Buffer.from("garbage"),
      });
      expect(bad.status).toBe(400);
      expect(await declaredUpload("/sign-in", 1_100_000, { ...action, ...multipart })).toBe(413);
      const foreign = await request({
        method: "POST",
        path: "/sign-in",
        headers: { ...action, ...multipart, origin: "http://evil.example" },
        body: form,
      });
      expect(foreign.status).toBe(403);
      const garbage = await request({
        method: "POST",
        path: "/sign-in",
        headers: { ...action, "content-type": "text/plain" },
        body: Buffer.from("{"),
      });
      expect(garbage.status).toBe(400);
      // The same action, well-formed and same-origin, still reaches Next.js and our code.
      const ok = await request({ method: "POST", path: "/sign-in", headers: { ...action, ...multipart }, body: form });
      expect(ok.status).toBe(200);
    });

    it(`fuzz: ${RUNS} requests over every public surface, no 5xx and no hang`, async () => {
      const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
      const report = await runFuzz(target.base, target.context, {
        runs: RUNS,
        seed,
        concurrency: 4,
        timeoutMs: 20_000,
      });
      const summary = formatReport(report);
      console.log(summary);
      expect(report.serverErrors.length + report.hangs.length + report.lostAnswers.length, summary).toBe(0);
      expect((await request({ method: "GET", path: "/api/health" })).status).toBe(200);
    }, 300_000);
  },
);
