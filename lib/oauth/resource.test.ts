import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "./loopback";
import { canonicalResourceUrl } from "./resource";

describe("canonicalResourceUrl (RFC 8707 / MCP canonical server URI)", () => {
  it.each([
    ["HTTPS://MCP.Example.COM/mcp", "https://mcp.example.com/mcp"],
    ["https://mcp.example.com:443/mcp", "https://mcp.example.com/mcp"],
    ["https://mcp.example.com", "https://mcp.example.com"],
    ["https://mcp.example.com/", "https://mcp.example.com/"],
    ["https://mcp.example.com/Path/Case", "https://mcp.example.com/Path/Case"],
    ["http://localhost:3000/mcp/demo", "http://localhost:3000/mcp/demo"],
    ["https://mcp.example.com:8443/mcp", "https://mcp.example.com:8443/mcp"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalResourceUrl(input)).toBe(expected);
  });
});

describe("isLoopbackHost (RFC 8252 §7.3)", () => {
  it.each(["localhost", "127.0.0.1", "[::1]", "LOCALHOST"])("%s is loopback", (h) =>
    expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(["127.0.0.2.example", "localhost.example.com", "10.0.0.1", "example.com"])("%s is not", (h) =>
    expect(isLoopbackHost(h)).toBe(false),
  );
});
