// RFC 7643 §4.1 User ⇄ Gatehouse user. userName is the email (lower-cased, as Gatehouse compares
// emails); name.givenName/familyName are kept as sent; displayName and name.formatted both read
// the user's display name; emails[] is reported as the one primary work email; active is "not
// disabled". Attributes Gatehouse does not keep (phoneNumbers, title, the enterprise extension…)
// are accepted and ignored, as RFC 7643 §3 allows, so real clients' full bodies go through.
import { invalidSyntax, invalidValue } from "./errors";
import { USER_SCHEMA } from "./schemas";

/** What SCIM can set on a user. */
export interface ScimUserState {
  userName: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  active: boolean;
  externalId: string | null;
}

/** The stored user, as lib/services/scim reads it. */
export interface ScimUserRecord {
  id: string;
  email: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  disabledAt: Date | null;
  scimExternalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScimUser {
  schemas: [typeof USER_SCHEMA];
  id: string;
  externalId?: string;
  userName: string;
  name: { givenName?: string; familyName?: string; formatted?: string };
  displayName?: string;
  emails: { value: string; type: "work"; primary: true }[];
  active: boolean;
  meta: { resourceType: "User"; created: string; lastModified: string; location: string };
}

const MAX_TEXT = 200;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Entra sends `"active": "False"`; Okta sends real booleans. */
export function toBoolean(v: unknown, attribute: string): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  throw invalidValue(`${attribute} must be true or false.`);
}

export function toText(v: unknown, attribute: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") throw invalidValue(`${attribute} must be a string.`);
  const t = v.trim();
  if (t.length > MAX_TEXT) throw invalidValue(`${attribute} is longer than ${MAX_TEXT} characters.`);
  return t === "" ? null : t;
}

// The same shape as lib/schemas/auth Email accepts, without zod's message (SCIM words its own).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function toUserName(v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") throw invalidValue("userName is required.");
  const email = v.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email))
    throw invalidValue("userName must be the person's email address (Gatehouse signs people in by email).");
  return email;
}

/** The display name Gatehouse keeps: displayName, else name.formatted, else given + family. */
export function displayNameOf(s: Pick<ScimUserState, "givenName" | "familyName" | "displayName">): string | null {
  if (s.displayName) return s.displayName;
  const joined = [s.givenName, s.familyName].filter(Boolean).join(" ");
  return joined === "" ? null : joined;
}

/** A full User resource (POST, PUT). Throws only ScimError. */
export function parseUserResource(body: unknown): ScimUserState {
  if (!isObject(body)) throw invalidSyntax("The body must be a SCIM User object.");
  const attrs = lowerKeys(body);
  const name = attrs.name === undefined || attrs.name === null ? {} : attrs.name;
  if (!isObject(name)) throw invalidValue("name must be an object.");
  const n = lowerKeys(name);
  return {
    userName: toUserName(attrs.username),
    givenName: toText(n.givenname, "name.givenName"),
    familyName: toText(n.familyname, "name.familyName"),
    displayName: toText(attrs.displayname, "displayName") ?? toText(n.formatted, "name.formatted"),
    active: attrs.active === undefined || attrs.active === null ? true : toBoolean(attrs.active, "active"),
    externalId: toText(attrs.externalid, "externalId"),
  };
}

/** RFC 7643 §2.1: attribute names are case-insensitive. */
export function lowerKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k.toLowerCase()] = v;
  return out;
}

export function stateOf(r: ScimUserRecord): ScimUserState {
  return {
    userName: r.email,
    givenName: r.givenName,
    familyName: r.familyName,
    displayName: r.name,
    active: r.disabledAt === null,
    externalId: r.scimExternalId,
  };
}

export function toScimUser(r: ScimUserRecord, baseUrl: string): ScimUser {
  const name: ScimUser["name"] = {};
  if (r.givenName) name.givenName = r.givenName;
  if (r.familyName) name.familyName = r.familyName;
  if (r.name) name.formatted = r.name;
  return {
    schemas: [USER_SCHEMA],
    id: r.id,
    ...(r.scimExternalId ? { externalId: r.scimExternalId } : {}),
    userName: r.email,
    name,
    ...(r.name ? { displayName: r.name } : {}),
    emails: [{ value: r.email, type: "work", primary: true }],
    active: r.disabledAt === null,
    meta: {
      resourceType: "User",
      created: r.createdAt.toISOString(),
      lastModified: r.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${r.id}`,
    },
  };
}
