// The Settings form's CIMD fieldset and its schema keys (CIMD-19).
import { describe, expect, it } from "vitest";
import { ServerInput, serverFormToInput } from "./servers";

const base = { name: "S", slug: "s", resourceUrl: "https://mcp.example.com/mcp" };

describe("CIMD policy in ServerInput", () => {
  it("accepts exact host names, lower-cases them and drops a trailing dot", () => {
    const v = ServerInput.parse({
      ...base,
      cimdEnabled: true,
      cimdTrust: "ALLOWLIST",
      cimdHosts: ["App.Example.com.", " clients.example.org "],
    });
    expect(v.cimdHosts).toEqual(["app.example.com", "clients.example.org"]);
  });

  it.each([
    "https://app.example.com",
    "app.example.com/c.json",
    "*.example.com",
    "app.example.com:8443",
    "exa mple.com",
    "-bad.example",
  ])("refuses %s with a message naming it", (host) => {
    const r = ServerInput.safeParse({ ...base, cimdHosts: [host] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["cimdHosts", 0]);
    expect(r.error?.issues[0]?.message).toContain("is not a host name");
  });

  it("refuses a host listed twice, and an empty allowlist while CIMD is on", () => {
    expect(
      ServerInput.safeParse({ ...base, cimdHosts: ["a.example", "A.example"] }).error?.issues[0]?.message,
    ).toContain("listed twice");
    const empty = ServerInput.safeParse({ ...base, cimdEnabled: true, cimdTrust: "ALLOWLIST", cimdHosts: [] });
    expect(empty.error?.issues[0]).toMatchObject({
      path: ["cimdHosts"],
      message: expect.stringContaining("empty allowlist"),
    });
    expect(ServerInput.safeParse({ ...base, cimdEnabled: false, cimdTrust: "ALLOWLIST", cimdHosts: [] }).success).toBe(
      true,
    );
  });

  it("refuses an unknown trust mode", () => {
    expect(ServerInput.safeParse({ ...base, cimdTrust: "SOME" }).error?.issues[0]?.path).toEqual(["cimdTrust"]);
  });

  it("leaves the CIMD keys absent when the input does not mention them (unchanged on update)", () => {
    const v = ServerInput.parse(base);
    expect(v.cimdEnabled).toBeUndefined();
    expect(v.cimdTrust).toBeUndefined();
    expect(v.cimdHosts).toBeUndefined();
  });
});

describe("the Settings form's CIMD fieldset", () => {
  it("maps the checkbox, the trust radio and one host a line", () => {
    const input = serverFormToInput({
      ...base,
      cimdPolicy: "1",
      cimdEnabled: "on",
      cimdTrust: "DENYLIST",
      cimdHosts: "bad.example\r\n\r\n other.example ",
    });
    expect(input).toMatchObject({
      cimdEnabled: true,
      cimdTrust: "DENYLIST",
      cimdHosts: ["bad.example", "other.example"],
    });
    expect(input).not.toHaveProperty("cimdPolicy");
  });

  it("an unticked checkbox means off when the fieldset was shown, and nothing otherwise", () => {
    expect(serverFormToInput({ ...base, cimdPolicy: "1", cimdTrust: "ANY", cimdHosts: "" })).toMatchObject({
      cimdEnabled: false,
      cimdHosts: [],
    });
    const without = serverFormToInput({ ...base });
    expect(without).not.toHaveProperty("cimdEnabled");
    expect(without).not.toHaveProperty("cimdHosts");
  });
});
