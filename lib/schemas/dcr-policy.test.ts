import { describe, expect, it } from "vitest";
import { CreateInitialAccessTokenInput, resolveDcrMode } from "./dcr-policy";
import { ServerInput, serverFormToInput } from "./servers";

const base = { name: "S", slug: "s", resourceUrl: "https://s.example.com/mcp" };

describe("the Settings form's DCR fieldset → ServerInput", () => {
  it("reads mode, ticked presets, custom lines, numbers and the approval checkbox", () => {
    const input = serverFormToInput({
      ...base,
      dcrPolicy: "1",
      dcrMode: "TOKEN",
      dcrRedirectPreset: ["claude", "cursor"],
      dcrRedirectCustom: "https://app.example.com/cb\r\n\n  Tools.Example.com  \n",
      dcrRateLimitPerHour: "0",
      dcrMaxClients: "",
      dcrRequireApproval: "on",
      dcrPruneUnusedDays: "7",
      dcrPruneIdleDays: "90",
    });
    expect(input).not.toHaveProperty("dcrEnabled");
    expect(ServerInput.parse(input)).toMatchObject({
      dcrMode: "TOKEN",
      dcrRedirectPresets: ["claude", "cursor"],
      dcrRedirectCustom: ["https://app.example.com/cb", "tools.example.com"],
      dcrRateLimitPerHour: 0,
      dcrMaxClients: null,
      dcrRequireApproval: true,
      dcrPruneUnusedDays: 7,
      dcrPruneIdleDays: 90,
    });
  });

  it("unticked presets and an unticked checkbox mean none and off (the fieldset marker says the form had them)", () => {
    const v = ServerInput.parse(
      serverFormToInput({
        ...base,
        dcrPolicy: "1",
        dcrMode: "OPEN",
        dcrRateLimitPerHour: "20",
        dcrMaxClients: "5",
        dcrPruneUnusedDays: "7",
        dcrPruneIdleDays: "90",
      }),
    );
    expect(v).toMatchObject({
      dcrRedirectPresets: [],
      dcrRedirectCustom: [],
      dcrRequireApproval: false,
      dcrMaxClients: 5,
    });
  });

  it("bad numbers and entries get messages next to their fields, not silent zeros", () => {
    const r = ServerInput.safeParse(
      serverFormToInput({
        ...base,
        dcrPolicy: "1",
        dcrMode: "OPEN",
        dcrRateLimitPerHour: "",
        dcrMaxClients: "0",
        dcrPruneUnusedDays: "1.5",
        dcrPruneIdleDays: "abc",
        dcrRedirectCustom: "ok.example.com\nhttps://*.example.com/cb",
      }),
    );
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries((r.success ? [] : r.error.issues).map((i) => [i.path.join("."), i.message]));
    expect(byPath).toMatchObject({
      dcrRateLimitPerHour: expect.stringContaining("whole number"),
      dcrMaxClients: "Use at least 1.",
      dcrPruneUnusedDays: expect.stringContaining("whole number"),
      dcrPruneIdleDays: expect.stringContaining("whole number"),
      "dcrRedirectCustom.1": expect.stringContaining("Wildcards"),
    });
  });

  it("an unknown preset or mode is refused", () => {
    expect(ServerInput.safeParse({ ...base, dcrRedirectPresets: ["claude", "evil"] }).success).toBe(false);
    expect(ServerInput.safeParse({ ...base, dcrMode: "MAYBE" }).success).toBe(false);
  });

  it("without the fieldset (API, CLI) nothing DCR-specific is added", () => {
    expect(serverFormToInput({ ...base, dcrEnabled: "on" })).toEqual({ ...base, scopes: [], dcrEnabled: true });
  });
});

describe("resolveDcrMode", () => {
  it.each([
    [{ dcrMode: "OFF" as const, dcrEnabled: true }, undefined, { dcrMode: "OFF", dcrEnabled: false }],
    [{ dcrMode: "TOKEN" as const }, undefined, { dcrMode: "TOKEN", dcrEnabled: true }],
    [{ dcrEnabled: true }, undefined, { dcrMode: "OPEN", dcrEnabled: true }],
    [{ dcrEnabled: true }, { dcrMode: "TOKEN" as const, dcrEnabled: true }, { dcrMode: "TOKEN", dcrEnabled: true }],
    [{ dcrEnabled: false }, { dcrMode: "TOKEN" as const, dcrEnabled: true }, { dcrMode: "OFF", dcrEnabled: false }],
    [{}, undefined, { dcrMode: "OFF", dcrEnabled: false }],
    [{}, { dcrMode: "OPEN" as const, dcrEnabled: true }, undefined],
  ])("%j on %j → %j", (input, current, expected) => expect(resolveDcrMode(input, current)).toEqual(expected));
});

describe("CreateInitialAccessTokenInput", () => {
  it("defaults to 7 days and one use; form strings are numbers", () => {
    expect(CreateInitialAccessTokenInput.parse({ name: "x" })).toEqual({ name: "x", expiresIn: "7d", maxUses: 1 });
    expect(CreateInitialAccessTokenInput.parse({ name: "x", expiresIn: "90d", maxUses: "25" })).toEqual({
      name: "x",
      expiresIn: "90d",
      maxUses: 25,
    });
  });
});
