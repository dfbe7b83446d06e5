import { describe, expect, it } from "vitest";
import { clientScopeCeiling, formatScope, isSubset, parseScope } from "./scope";

// RFC 6749 §3.3: scope is a space-delimited, order-insensitive list of case-sensitive strings.
describe("parseScope / formatScope", () => {
  it.each([
    ["absent", undefined, []],
    ["empty", "", []],
    ["one scope", "mcp:tools", ["mcp:tools"]],
    ["several, in order", "mcp:tools mcp:admin", ["mcp:tools", "mcp:admin"]],
    ["duplicates once", "a b a", ["a", "b"]],
    ["extra spaces ignored", "  a   b ", ["a", "b"]],
    ["case kept (scopes are case-sensitive)", "A a", ["A", "a"]],
  ])("RFC 6749 §3.3: %s", (_case, value, scopes) => {
    expect(parseScope(value)).toEqual(scopes);
  });

  it("AT-04: formats as one space-delimited string", () => {
    expect(formatScope(["mcp:tools", "mcp:admin"])).toBe("mcp:tools mcp:admin");
    expect(formatScope([])).toBe("");
  });
});

describe("isSubset (RT-05, AUTHZ-06 invalid_scope)", () => {
  it.each([
    [[], ["a"], true],
    [["a"], ["a", "b"], true],
    [["b", "a"], ["a", "b"], true],
    [["a", "c"], ["a", "b"], false],
    [["A"], ["a"], false],
    [["a"], [], false],
  ])("%j ⊆ %j is %s", (requested, allowed, expected) => {
    expect(isSubset(requested, allowed)).toBe(expected);
  });
});

describe("clientScopeCeiling", () => {
  const server = ["mcp:tools", "mcp:admin"];

  it("a client without a list may hold every scope of the server", () => {
    expect(clientScopeCeiling([], server)).toEqual(server);
  });

  it("a client with a list holds only the listed scopes the server still has", () => {
    expect(clientScopeCeiling(["mcp:tools"], server)).toEqual(["mcp:tools"]);
    expect(clientScopeCeiling(["mcp:tools", "removed"], server)).toEqual(["mcp:tools"]);
  });

  it("does not hand out the server's list itself (callers may change the result)", () => {
    const ceiling = clientScopeCeiling([], server);
    ceiling.push("x");
    expect(server).toEqual(["mcp:tools", "mcp:admin"]);
  });
});
