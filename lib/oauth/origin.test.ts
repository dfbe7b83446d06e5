import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origin";

const allowed = ["https://gatehouse.example.com", "http://localhost:3000"];

describe("isAllowedOrigin (MCP Streamable HTTP: Origin validation)", () => {
  it.each(["https://gatehouse.example.com", "http://localhost:3000"])(
    "RS-10: allows a listed origin (%s)",
    (origin) => {
      expect(isAllowedOrigin(origin, allowed)).toBe(true);
    },
  );

  it.each([
    "http://localhost:6274",
    "http://127.0.0.1:6274",
    "http://[::1]:6274",
    "http://localhost",
    "https://localhost:8443",
  ])("RS-10: allows loopback origins on any port, where MCP Inspector runs (%s)", (origin) => {
    expect(isAllowedOrigin(origin, [])).toBe(true);
  });

  it.each([
    "https://evil.test",
    "http://gatehouse.example.com",
    "https://gatehouse.example.com:8443",
    "https://gatehouse.example.com.evil.test",
    "http://localhost.evil.test:3000",
    "http://127.0.0.2:3000",
    "null",
    "",
    "not a url",
    "https://gatehouse.example.com/path",
    "https://gatehouse.example.com/",
    "file:///etc/passwd",
  ])("RS-10: refuses %j", (origin) => {
    expect(isAllowedOrigin(origin, allowed)).toBe(false);
  });

  it("RS-10: compares serialised origins, so an allowed entry may be a full URL", () => {
    expect(isAllowedOrigin("https://gatehouse.example.com", ["https://gatehouse.example.com/mcp/demo"])).toBe(true);
  });
});
