import { describe, expect, it } from "vitest";
import { sqlLiteral } from "./sql-literal";

describe("sqlLiteral (standard_conforming_strings = on)", () => {
  it.each([
    ["NULL for null", null, "NULL"],
    ["a plain value in single quotes", "jti_abc", "'jti_abc'"],
    ["the empty string", "", "''"],
    ["every quote doubled", "it's o''k", "'it''s o''''k'"],
    ["an injection attempt as one literal", `x'); DROP TABLE "User"; --`, `'x''); DROP TABLE "User"; --'`],
    ["backslashes kept as they are", "a\\'b\\\\", "'a\\''b\\\\'"],
    ["$n placeholders untouched", "$1 $$ $tag$", "'$1 $$ $tag$'"],
    ["unicode kept", "émoji 🔑 ‘’ 中文", "'émoji 🔑 ‘’ 中文'"],
  ])("%s", (_name, value, expected) => {
    expect(sqlLiteral(value)).toBe(expected);
  });

  it("refuses a NUL character", () => {
    expect(() => sqlLiteral("a\u0000b")).toThrow(/NUL/);
  });
});
