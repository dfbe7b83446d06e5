import { describe, expect, it } from "vitest";
import { safeReturnPath, SetupInput } from "./auth";

describe("safeReturnPath (no open redirect after sign-in)", () => {
  it.each([
    ["/servers", "/servers"],
    ["/servers/demo?tab=1#x", "/servers/demo?tab=1#x"],
    ["/oauth/demo/consent/req_1", "/oauth/demo/consent/req_1"],
  ])("accepts the same-origin path %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "servers",
    "/\tevil",
    "",
  ])("refuses %j and falls back", (input) => {
    expect(safeReturnPath(input, "/fallback")).toBe("/fallback");
  });

  it("refuses null and undefined", () => {
    expect(safeReturnPath(null)).toBe("/");
    expect(safeReturnPath(undefined)).toBe("/");
  });
});

describe("SetupInput", () => {
  it("lower-cases the email and requires matching passwords of 12+ characters", () => {
    const ok = SetupInput.safeParse({
      name: "A",
      email: " A@B.Example ",
      password: "x".repeat(12),
      confirmPassword: "x".repeat(12),
    });
    expect(ok.success && ok.data.email).toBe("a@b.example");
    const short = SetupInput.safeParse({
      name: "A",
      email: "a@b.example",
      password: "short",
      confirmPassword: "short",
    });
    expect(short.success).toBe(false);
    const mismatch = SetupInput.safeParse({
      name: "A",
      email: "a@b.example",
      password: "x".repeat(12),
      confirmPassword: "y".repeat(12),
    });
    expect(mismatch.error?.issues[0]?.path).toEqual(["confirmPassword"]);
  });
});
