import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./form";
import { ResourceUrl, ServerInput, serverFormToInput, Slug } from "./servers";

describe("Slug", () => {
  it.each(["demo", "weather-tools", "a1", "x"])("accepts %s", (s) => expect(Slug.safeParse(s).success).toBe(true));
  it.each(["Demo", "-demo", "demo-", "de--mo", "de mo", "dé", "", "a".repeat(49)])("refuses %j", (s) =>
    expect(Slug.safeParse(s).success).toBe(false),
  );
});

describe("ResourceUrl (RFC 8707 resource identifier)", () => {
  it.each([
    "https://mcp.example.com/mcp",
    "https://mcp.example.com",
    "http://localhost:3000/mcp/demo",
    "http://127.0.0.1:8080/mcp",
    "http://[::1]/mcp",
  ])("accepts %s", (u) => expect(ResourceUrl.safeParse(u).success).toBe(true));
  it.each([
    ["http://mcp.example.com/mcp", "Use https"],
    ["https://mcp.example.com/mcp#frag", "fragment"],
    ["https://user:pw@mcp.example.com/", "credentials"],
    ["mcp.example.com/mcp", "absolute URL"],
    ["ftp://mcp.example.com/", "Use https"],
  ])("refuses %s", (u, message) => {
    const r = ResourceUrl.safeParse(u);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join(" ")).toContain(message);
  });
});

describe("ServerInput", () => {
  it("applies the default lifetimes and keeps scope order", () => {
    const v = ServerInput.parse({
      name: "X",
      slug: "x",
      resourceUrl: "https://x.example/mcp",
      scopes: [{ name: "b" }, { name: "a" }],
    });
    expect(v.accessTokenTtl).toBe(600);
    expect(v.refreshTokenTtl).toBe(2_592_000);
    expect(v.scopes.map((s) => s.name)).toEqual(["b", "a"]);
  });

  it("reports a duplicate scope on the row that repeats it", () => {
    const r = ServerInput.safeParse({
      name: "X",
      slug: "x",
      resourceUrl: "https://x.example/mcp",
      scopes: [{ name: "a" }, { name: "b" }, { name: "a" }],
    });
    expect(r.success).toBe(false);
    expect(Object.keys(fieldErrorsOf(r.error!))).toEqual(["scopes.2.name"]);
  });

  it("refuses scope names with spaces or quotes (RFC 6749 §3.3 scope-token)", () => {
    for (const name of ["has space", 'q"uote', "back\\slash"]) {
      expect(
        ServerInput.safeParse({ name: "X", slug: "x", resourceUrl: "https://x.example/mcp", scopes: [{ name }] })
          .success,
      ).toBe(false);
    }
  });

  it("bounds the token lifetimes", () => {
    const base = { name: "X", slug: "x", resourceUrl: "https://x.example/mcp" };
    expect(ServerInput.safeParse({ ...base, accessTokenTtl: "59" }).success).toBe(false);
    expect(ServerInput.safeParse({ ...base, accessTokenTtl: "1.5" }).success).toBe(false);
    expect(ServerInput.safeParse({ ...base, accessTokenTtl: "900" }).data?.accessTokenTtl).toBe(900);
  });
});

describe("serverFormToInput", () => {
  it("zips parallel scope lists into rows and drops empty rows", () => {
    expect(
      serverFormToInput({ name: "X", scopeName: ["a", "", "c"], scopeDescription: ["A", "", ""], dcrEnabled: "on" }),
    ).toEqual({
      name: "X",
      dcrEnabled: true,
      scopes: [
        { name: "a", description: "A" },
        { name: "c", description: "" },
      ],
    });
    expect(serverFormToInput({ name: "X", scopeName: "only", scopeDescription: "One" })).toEqual({
      name: "X",
      dcrEnabled: false,
      scopes: [{ name: "only", description: "One" }],
    });
  });
});
