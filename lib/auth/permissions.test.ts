import { describe, expect, it } from "vitest";
import { canManageRole, hasPermission, PERMISSIONS, ROLES } from "./permissions";

describe("role permissions", () => {
  it("gives owners everything, and admins everything but shortening the audit history", () => {
    for (const p of PERMISSIONS) {
      expect(hasPermission("OWNER", p)).toBe(true);
      expect(hasPermission("ADMIN", p)).toBe(p !== "audit.retention");
    }
  });

  it("lets every dashboard role read, and end users nothing", () => {
    for (const role of ROLES)
      for (const p of ["servers.read", "audit.read", "clients.read"] as const)
        expect(hasPermission(role, p)).toBe(true);
    for (const p of PERMISSIONS) expect(hasPermission(null, p)).toBe(false);
  });

  it.each([
    ["VIEWER", "servers.write", false],
    ["VIEWER", "clients.write", false],
    ["DEVELOPER", "clients.write", true],
    ["DEVELOPER", "clients.delete", false],
    ["DEVELOPER", "servers.write", false],
    ["SECURITY", "consents.revoke", true],
    ["SECURITY", "clients.disable", true],
    ["SECURITY", "clients.write", false],
    ["SECURITY", "members.write", false],
  ] as const)("%s %s → %s", (role, permission, expected) => {
    expect(hasPermission(role, permission)).toBe(expected);
  });

  it("lets only owners manage the OWNER role", () => {
    expect(canManageRole("OWNER", "OWNER")).toBe(true);
    expect(canManageRole("ADMIN", "OWNER")).toBe(false);
    expect(canManageRole("ADMIN", "SECURITY")).toBe(true);
    expect(canManageRole("SECURITY", "VIEWER")).toBe(false);
  });
});
