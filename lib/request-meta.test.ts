import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "./env";
import { clientIpHeader, normalizeIp, publicOrigin, publicUrl, requestMeta, resolveClientIp } from "./request-meta";

afterEach(() => {
  delete process.env.GATEHOUSE_TRUSTED_PROXIES;
  delete process.env.GATEHOUSE_URL;
  resetEnvCache();
});

describe("resolveClientIp", () => {
  it("takes the socket's address when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(resolveClientIp("198.51.100.2", "6.6.6.6", 0)).toBe("198.51.100.2");
    expect(resolveClientIp("198.51.100.2", undefined, 0)).toBe("198.51.100.2");
  });

  it("with N trusted proxies takes the Nth address from the right of X-Forwarded-For + socket", () => {
    // Client claims 6.6.6.6; our proxy (10.0.0.2, the socket) appended the address it saw.
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(resolveClientIp("10.0.0.3", ["6.6.6.6, 198.51.100.7", "10.0.0.2"], 2)).toBe("198.51.100.7");
    // Fewer entries than proxies (reached us directly): the leftmost we have.
    expect(resolveClientIp("198.51.100.8", undefined, 1)).toBe("198.51.100.8");
  });

  it("takes the default from GATEHOUSE_TRUSTED_PROXIES", () => {
    expect(resolveClientIp("10.0.0.2", "198.51.100.7")).toBe("10.0.0.2");
    process.env.GATEHOUSE_TRUSTED_PROXIES = "1";
    resetEnvCache();
    expect(resolveClientIp("10.0.0.2", "198.51.100.7")).toBe("198.51.100.7");
  });

  it("unwraps IPv4-mapped IPv6, keeps IPv6, and refuses what is not an address", () => {
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("2001:DB8::1")).toBe("2001:db8::1");
    expect(normalizeIp("::1")).toBe("::1");
    expect(resolveClientIp("10.0.0.2", "evil, <script>", 1)).toBeNull();
    expect(normalizeIp(undefined)).toBeNull();
  });
});

describe("requestMeta", () => {
  it("reads only the front door's stamp, never X-Forwarded-For or X-Real-IP", () => {
    const spoofed = new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7", "user-agent": "ua" });
    expect(requestMeta(spoofed)).toEqual({ ip: null, userAgent: "ua" });
    expect(requestMeta(new Headers({ [clientIpHeader()]: "203.0.113.5" })).ip).toBe("203.0.113.5");
  });

  it("stamps under a name no client can guess (random per process, stable within it)", () => {
    expect(clientIpHeader()).toMatch(/^x-gatehouse-client-ip-[0-9a-f]{32}$/);
    expect(clientIpHeader()).toBe(clientIpHeader());
  });
});

describe("publicOrigin / publicUrl", () => {
  it("come from GATEHOUSE_URL only", () => {
    process.env.GATEHOUSE_URL = "https://auth.example.com/";
    resetEnvCache();
    expect(publicOrigin()).toBe("https://auth.example.com");
    expect(publicUrl("/oauth/demo/consent/r1?ask=1")).toBe("https://auth.example.com/oauth/demo/consent/r1?ask=1");
  });
});
