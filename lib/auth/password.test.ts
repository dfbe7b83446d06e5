import { describe, expect, it } from "vitest";
import { generateTemporaryPassword, hashPassword, verifyPassword } from "./password";

describe("password hashing (scrypt)", () => {
  it("verifies the right password, refuses a wrong one, and salts every hash", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
  });

  it("treats a malformed stored hash as a failed check, not an error", async () => {
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("x", "")).toBe(false);
  });

  it("normalises Unicode so the same visible password verifies", async () => {
    const hash = await hashPassword("pässwörd-long-enough");
    expect(await verifyPassword("pa\u0308sswo\u0308rd-long-enough", hash)).toBe(true);
  });

  it("makes temporary passwords of 20 URL-safe characters", () => {
    expect(generateTemporaryPassword()).toMatch(/^[A-Za-z0-9_-]{20}$/);
  });
});
