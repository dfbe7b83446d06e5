import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { bearerMatches, metricsResponse } from "./scrape";

const TOKEN = "metrics-token-0123456789";

afterEach(() => {
  delete process.env.GATEHOUSE_METRICS_TOKEN;
  resetEnvCache();
});

describe("bearerMatches", () => {
  it("accepts exactly the token, in a Bearer header", () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(bearerMatches(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches(null, TOKEN)).toBe(false);
  });
});

describe("metricsResponse", () => {
  it("is 404 while GATEHOUSE_METRICS_TOKEN is unset", async () => {
    resetEnvCache();
    expect((await metricsResponse(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("is 401 with a challenge without the right bearer", async () => {
    process.env.GATEHOUSE_METRICS_TOKEN = TOKEN;
    resetEnvCache();
    const none = await metricsResponse(null);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="gatehouse-metrics"');
    const wrong = await metricsResponse("Bearer not-the-metrics-token");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe('Bearer realm="gatehouse-metrics", error="invalid_token"');
  });

  it("refuses a token shorter than 16 characters at configuration", () => {
    process.env.GATEHOUSE_METRICS_TOKEN = "short";
    resetEnvCache();
    return expect(metricsResponse(null)).rejects.toThrow(/GATEHOUSE_METRICS_TOKEN must be at least 16 characters/);
  });
});
