import { describe, expect, it } from "vitest";
import { plural } from "./plural";

describe("plural", () => {
  it("says 1 consent, not 1 consents (issue 11 #9)", () => {
    expect(plural(1, "consent")).toBe("1 consent");
    expect(plural(0, "consent")).toBe("0 consents");
    expect(plural(2, "consent")).toBe("2 consents");
  });

  it("takes an irregular plural and groups thousands", () => {
    expect(plural(1_024, "entry", "entries")).toBe("1,024 entries");
  });
});
