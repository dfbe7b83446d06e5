import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "./env";
import { requestMeta } from "./request-meta";

afterEach(() => {
  delete process.env.GATEHOUSE_TRUSTED_PROXIES;
  resetEnvCache();
});

describe("requestMeta", () => {
  it("takes the address Next.js appended, not one the client claimed", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.5", "user-agent": "ua" });
    expect(requestMeta(h)).toEqual({ ip: "203.0.113.5", userAgent: "ua" });
  });

  it("skips as many entries as there are trusted proxies", () => {
    process.env.GATEHOUSE_TRUSTED_PROXIES = "1";
    resetEnvCache();
    expect(requestMeta(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" })).ip).toBe("198.51.100.7");
  });

  it("unwraps IPv4-mapped IPv6 and copes with no header", () => {
    expect(requestMeta(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" })).ip).toBe("127.0.0.1");
    expect(requestMeta(new Headers()).ip).toBeNull();
  });
});
