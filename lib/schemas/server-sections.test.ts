import { describe, expect, it } from "vitest";
import { SERVER_SECTIONS, serverSectionFormToInput } from "./server-sections";

// Issue 11 #12: a section's form carries only its fields, and only those become changes.
describe("serverSectionFormToInput", () => {
  it("keeps the Tokens section's fields and nothing else (no empty scope list, no DCR off)", () => {
    const input = serverSectionFormToInput({
      section: "tokens",
      currentSlug: "demo",
      accessTokenTtl: "900",
      refreshTokenTtl: "3600",
      refreshGraceSeconds: "30",
    });
    expect(input).toEqual({
      currentSlug: "demo",
      section: "tokens",
      changes: { accessTokenTtl: "900", refreshTokenTtl: "3600", refreshGraceSeconds: "30" },
    });
  });

  it("turns the Scopes section's parallel rows into a list", () => {
    const input = serverSectionFormToInput({
      section: "scopes",
      currentSlug: "demo",
      scopeName: ["mcp:tools", "mcp:admin"],
      scopeDescription: ["Tools", "Admin"],
    });
    expect(input.changes).toEqual({
      scopes: [
        { name: "mcp:tools", description: "Tools" },
        { name: "mcp:admin", description: "Admin" },
      ],
    });
  });

  it("an unknown section changes nothing", () => {
    expect(serverSectionFormToInput({ section: "other", currentSlug: "demo", name: "x" }).changes).toEqual({});
  });

  it("every setting belongs to exactly one section", () => {
    const keys = Object.values(SERVER_SECTIONS).flatMap((s) => [...s.keys]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
