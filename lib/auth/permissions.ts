// Roles and what they may do. Client-safe (no server imports): the UI uses it to hide what a
// role may not do; lib/services uses it to decide. The server is the one that decides.
export const ROLES = ["OWNER", "ADMIN", "SECURITY", "DEVELOPER", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  SECURITY: "Security",
  DEVELOPER: "Developer",
  VIEWER: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Everything, including managing owners.",
  ADMIN: "Everything except managing owners.",
  SECURITY: "Reads everything; revokes consents and tokens; disables clients and users.",
  DEVELOPER: "Reads everything; creates and manages clients.",
  VIEWER: "Reads everything; changes nothing.",
};

export const PERMISSIONS = [
  "servers.read",
  "servers.write",
  "clients.read",
  "clients.write",
  "clients.disable",
  "clients.delete",
  "consents.read",
  "consents.revoke",
  "users.read",
  "users.disable",
  "members.read",
  "members.write",
  "audit.read",
  "settings.write",
  "apikeys.write",
  /** Deleting audit history (the retention period): owners only. */
  "audit.retention",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  "servers.read",
  "clients.read",
  "consents.read",
  "users.read",
  "members.read",
  "audit.read",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  OWNER: PERMISSIONS,
  ADMIN: PERMISSIONS.filter((p) => p !== "audit.retention"),
  SECURITY: [...READ, "clients.disable", "consents.revoke", "users.disable"],
  DEVELOPER: [...READ, "clients.write"],
  VIEWER: READ,
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hasPermission(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && ROLE_PERMISSIONS[role].includes(permission);
}

/** Only owners may grant, change or remove the OWNER role. */
export function canManageRole(actor: Role, target: Role): boolean {
  if (!hasPermission(actor, "members.write")) return false;
  return target !== "OWNER" || actor === "OWNER";
}
