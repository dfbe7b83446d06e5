import { describe, expect, it } from "vitest";
import { formatAbsolute, formatRelative } from "./format-time";

const at = new Date("2026-12-02T15:43:10Z");

describe("formatAbsolute: one format, always with its zone (issue 11, defect 8)", () => {
  it("prints a 24-hour time and the zone", () => {
    expect(formatAbsolute(at, "UTC")).toBe("Dec 2, 2026, 15:43 UTC");
    expect(formatAbsolute(at, "Asia/Kolkata")).toBe("Dec 2, 2026, 21:13 GMT+5:30");
    expect(formatAbsolute(at, "America/New_York")).toBe("Dec 2, 2026, 10:43 EST");
  });

  it("never prints AM/PM or a time without a zone", () => {
    for (const zone of ["UTC", "Europe/Berlin", "America/Los_Angeles", undefined]) {
      const text = formatAbsolute(at, zone);
      expect(text).not.toMatch(/AM|PM/);
      expect(text).toMatch(/\d{2}:\d{2} [A-Z]{2,5}([+-]\d{1,2}(:\d{2})?)?$/);
    }
  });
});

describe("formatRelative", () => {
  it.each([
    [0, "just now"],
    [-30_000, "just now"],
    [-2 * 60_000, "2 minutes ago"],
    [-60 * 60_000, "1 hour ago"],
    [-3 * 3_600_000, "3 hours ago"],
    [-86_400_000, "yesterday"],
    [3 * 86_400_000, "in 3 days"],
    [-14 * 86_400_000, "2 weeks ago"],
    [-400 * 86_400_000, "last year"],
  ])("%i ms → %s", (offset, text) => {
    expect(formatRelative(new Date(at.getTime() + offset), at)).toBe(text);
  });
});
