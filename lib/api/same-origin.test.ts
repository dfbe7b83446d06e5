import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { jsonRoute } from "./json-route";

// Cookie-authenticated writes must come from GATEHOUSE_URL's origin (issue 10.2): Host and
// X-Forwarded-Host are the client's to choose, so they never vouch for an Origin.
const route = jsonRoute("clients.write", async () => ({ ok: true }));
const call = (headers: Record<string, string>) =>
  route(new Request("http://evil.example/api/v1/x", { method: "POST", headers, body: "{}" }), {
    params: Promise.resolve({}),
  });

describe("jsonRoute same-origin check", () => {
  it("refuses a foreign Origin even when Host and X-Forwarded-Host name the same foreign host", async () => {
    const res = await call({ origin: "http://evil.example", host: "evil.example", "x-forwarded-host": "evil.example" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("refuses a cross-site request without Origin", async () => {
    expect((await call({ "sec-fetch-site": "cross-site" })).status).toBe(403);
  });

  it("lets GATEHOUSE_URL's own origin through to the session check, whatever Host says", async () => {
    // Past the origin check the route asks Auth.js for the session, which needs Next's request
    // scope: outside it that throws, which is how we know the request was not refused as cross-site.
    const outcome = await call({ origin: new URL(env().GATEHOUSE_URL).origin, host: "evil.example" }).then(
      (res) => res.status,
      () => "reached the session check",
    );
    expect(outcome).toBe("reached the session check");
  });
});
