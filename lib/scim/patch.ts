// RFC 7644 §3.5.2 PATCH, as real provisioning clients send it:
//   Okta:  {"op":"replace","value":{"active":false}}                (path-less value object)
//   Entra: {"op":"Replace","path":"active","value":"False"}         (capitalised op, string boolean)
//          {"op":"Add","path":"name.givenName","value":"Ada"}
//          {"op":"Replace","path":"emails[type eq \"work\"].value","value":"ada@example.com"}
//          {"op":"Replace","path":"urn:…:enterprise:2.0:User:department","value":"R&D"} (ignored)
// Applied in order to a copy of the user's state; throws only ScimError.
import { invalidPath, invalidSyntax, invalidValue, ScimError } from "./errors";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "./schemas";
import { isObject, lowerKeys, toBoolean, toText, toUserName, type ScimUserState } from "./user";

type Op = "add" | "replace" | "remove";
const MAX_OPERATIONS = 100;

/** Attributes a client may send that Gatehouse does not keep: accepted and ignored. */
const IGNORED = new Set([
  "nickname",
  "profileurl",
  "title",
  "usertype",
  "preferredlanguage",
  "locale",
  "timezone",
  "phonenumbers",
  "ims",
  "photos",
  "addresses",
  "entitlements",
  "roles",
  "x509certificates",
  "groups",
  "password",
  "name.middlename",
  "name.honorificprefix",
  "name.honorificsuffix",
]);

function normalisePath(path: string): string {
  let p = path.trim();
  if (p.toLowerCase().startsWith(`${USER_SCHEMA.toLowerCase()}:`)) p = p.slice(USER_SCHEMA.length + 1);
  return p.toLowerCase();
}

/** emails, emails.value, emails[type eq "work"].value, emails[primary eq true].value. */
const EMAIL_PATH = /^emails(\[\s*(type\s+eq\s+"[^"]*"|primary\s+eq\s+true)\s*\])?(\.value)?$/;

function applyOne(state: ScimUserState, op: Op, rawPath: string, value: unknown): void {
  const path = normalisePath(rawPath);
  if (path.startsWith(`${ENTERPRISE_USER_SCHEMA.toLowerCase()}`)) return;
  if (path.startsWith("urn:")) throw invalidPath(`The schema of "${rawPath.slice(0, 200)}" is not supported.`);
  const remove = op === "remove";
  switch (path) {
    case "username":
      if (remove) throw new ScimError(400, "userName cannot be removed.", "mutability");
      state.userName = toUserName(value);
      return;
    case "active":
      if (remove) throw new ScimError(400, "active cannot be removed.", "mutability");
      state.active = toBoolean(value, "active");
      return;
    case "externalid":
      state.externalId = remove ? null : toText(value, "externalId");
      return;
    case "displayname":
    case "name.formatted":
      state.displayName = remove ? null : toText(value, rawPath);
      return;
    case "name.givenname":
      state.givenName = remove ? null : toText(value, "name.givenName");
      return;
    case "name.familyname":
      state.familyName = remove ? null : toText(value, "name.familyName");
      return;
    case "name":
      if (remove) {
        Object.assign(state, { givenName: null, familyName: null });
        return;
      }
      if (!isObject(value)) throw invalidValue("name must be an object.");
      for (const [k, v] of Object.entries(value)) applyOne(state, op, `name.${k}`, v);
      return;
  }
  if (EMAIL_PATH.test(path)) {
    // userName is the email: a new work or primary email moves it; removing it changes nothing.
    if (remove) return;
    const email = emailFrom(value);
    if (email !== null) state.userName = toUserName(email);
    return;
  }
  if (IGNORED.has(path) || IGNORED.has(path.split(/[.[]/)[0]!)) return;
  throw invalidPath(`The attribute "${rawPath.slice(0, 200)}" is not supported.`);
}

/** A plain string, or the primary (else first work, else first) entry of an emails array. */
function emailFrom(value: unknown): string | null {
  if (typeof value === "string") return value;
  const list = Array.isArray(value) ? value : [value];
  const entries = list.filter(isObject).map(lowerKeys);
  const pick =
    entries.find((e) => e.primary === true || e.primary === "true") ??
    entries.find((e) => e.type === "work") ??
    entries[0];
  if (!pick) throw invalidValue("emails must hold an email value.");
  return typeof pick.value === "string" ? pick.value : null;
}

function opOf(raw: unknown): Op {
  const op = typeof raw === "string" ? raw.toLowerCase() : "";
  if (op === "add" || op === "replace" || op === "remove") return op;
  throw invalidSyntax(`"op" must be add, replace or remove (got ${JSON.stringify(raw)?.slice(0, 40)}).`);
}

/** Applies a PatchOp body to a copy of `current`. */
export function applyPatch(current: ScimUserState, body: unknown): ScimUserState {
  if (!isObject(body)) throw invalidSyntax("The body must be a SCIM PatchOp object.");
  const b = lowerKeys(body);
  const operations = b.operations;
  if (!Array.isArray(operations) || operations.length === 0)
    throw invalidSyntax('The body must hold a non-empty "Operations" array.');
  if (operations.length > MAX_OPERATIONS) throw new ScimError(400, "Too many operations in one PATCH.", "tooMany");
  const state = { ...current };
  for (const raw of operations) {
    if (!isObject(raw)) throw invalidSyntax("Each operation must be an object.");
    const o = lowerKeys(raw);
    const op = opOf(o.op);
    if (o.path !== undefined && o.path !== null && typeof o.path !== "string")
      throw invalidPath('"path" must be a string.');
    const path = typeof o.path === "string" && o.path.trim() !== "" ? o.path : null;
    if (path !== null) {
      if (op !== "remove" && !("value" in o)) throw invalidValue(`The ${op} of "${path}" needs a value.`);
      applyOne(state, op, path, o.value);
      continue;
    }
    if (op === "remove") throw new ScimError(400, "A remove operation needs a path.", "noTarget");
    if (!isObject(o.value)) throw invalidValue("An operation without a path needs an object value.");
    for (const [key, value] of Object.entries(o.value)) {
      if (key.toLowerCase() === "schemas") continue;
      if (key === ENTERPRISE_USER_SCHEMA) continue;
      applyOne(state, op, key, value);
    }
  }
  return state;
}
