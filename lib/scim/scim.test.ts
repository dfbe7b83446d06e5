import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError, scimErrorBody } from "./errors";
import { parseFilter } from "./filter";
import { listResponse, parsePaging } from "./list";
import { applyPatch } from "./patch";
import { parseUserResource, toScimUser, type ScimUserState } from "./user";

const ada: ScimUserState = {
  userName: "ada@example.com",
  givenName: "Ada",
  familyName: "Lovelace",
  displayName: "Ada Lovelace",
  active: true,
  externalId: "00u1",
};

function scimErrorOf(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error("expected a ScimError");
}

describe("filter (RFC 7644 §3.4.2.2)", () => {
  it("parses the filters Okta and Entra send", () => {
    expect(parseFilter('userName eq "Ada@Example.com"')).toEqual([{ attribute: "userName", value: "Ada@Example.com" }]);
    expect(parseFilter('externalId eq "9b1\\"x"')).toEqual([{ attribute: "externalId", value: '9b1"x' }]);
    expect(parseFilter('emails.value eq "a@b.c"')).toEqual([{ attribute: "emails.value", value: "a@b.c" }]);
    expect(parseFilter('USERNAME EQ "a@b.c" AND active eq true')).toEqual([
      { attribute: "userName", value: "a@b.c" },
      { attribute: "active", value: true },
    ]);
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a@b.c"')).toEqual([
      { attribute: "userName", value: "a@b.c" },
    ]);
  });

  it.each([
    "",
    "userName",
    'userName sw "a"',
    'userName eq "a" or externalId eq "b"',
    'not (userName eq "a")',
    '(userName eq "a")',
    'title eq "x"',
    'userName eq "unterminated',
    "userName eq a@b.c",
    'userName eq "a" and',
    'active eq "maybe"',
  ])("refuses %j with invalidFilter", (filter) => {
    const err = scimErrorOf(() => parseFilter(filter));
    expect(err).toMatchObject({ status: 400, scimType: "invalidFilter" });
  });

  it("never throws anything but a SCIM error", () => {
    const alphabet = fc.constantFrom(...'userNamexteridEQq "\\[]().:andor@');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 60 })), (s) => {
        try {
          parseFilter(s);
        } catch (err) {
          expect(err).toBeInstanceOf(ScimError);
          expect((err as ScimError).scimType).toBe("invalidFilter");
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("PATCH (RFC 7644 §3.5.2)", () => {
  it("Okta: path-less value object deactivates", () => {
    const body = {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", value: { active: false } }],
    };
    expect(applyPatch(ada, body)).toEqual({ ...ada, active: false });
  });

  it("Entra: capitalised ops, string booleans, dotted and filtered paths, enterprise extension ignored", () => {
    const body = {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "Replace", path: "active", value: "False" },
        { op: "Add", path: "name.givenName", value: "Augusta" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: "augusta@example.com" },
        { op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "R&D" },
        { op: "Add", path: "title", value: "Countess" },
        { op: "Remove", path: "externalId" },
      ],
    };
    expect(applyPatch(ada, body)).toEqual({
      ...ada,
      active: false,
      givenName: "Augusta",
      userName: "augusta@example.com",
      externalId: null,
    });
  });

  it("path-less values may be dotted paths (Entra) or a name object (Okta)", () => {
    const body = {
      Operations: [
        { op: "replace", value: { "name.familyName": "King", displayName: "Ada King", active: "True" } },
        { op: "replace", value: { name: { givenName: "A." }, emails: [{ value: "ak@example.com", primary: true }] } },
      ],
    };
    expect(applyPatch({ ...ada, active: false }, body)).toEqual({
      ...ada,
      familyName: "King",
      givenName: "A.",
      displayName: "Ada King",
      userName: "ak@example.com",
      active: true,
    });
  });

  it.each([
    [null, "invalidSyntax"],
    [{}, "invalidSyntax"],
    [{ Operations: [] }, "invalidSyntax"],
    [{ Operations: ["x"] }, "invalidSyntax"],
    [{ Operations: [{ op: "move", path: "active", value: false }] }, "invalidSyntax"],
    [{ Operations: [{ op: "replace", path: "active", value: "nope" }] }, "invalidValue"],
    [{ Operations: [{ op: "replace", path: "userName", value: "not-an-email" }] }, "invalidValue"],
    [{ Operations: [{ op: "replace", path: "shoeSize", value: 44 }] }, "invalidPath"],
    [{ Operations: [{ op: "remove", path: "userName" }] }, "mutability"],
    [{ Operations: [{ op: "remove" }] }, "noTarget"],
    [{ Operations: [{ op: "replace", value: "x" }] }, "invalidValue"],
    [{ Operations: [{ op: "replace", path: "active" }] }, "invalidValue"],
  ])("refuses %j with %s", (body, scimType) => {
    expect(scimErrorOf(() => applyPatch(ada, body))).toMatchObject({ status: 400, scimType });
  });

  it("never throws anything but a SCIM error", () => {
    const op = fc.record({
      op: fc.oneof(fc.constantFrom("add", "Replace", "REMOVE", "x"), fc.anything()),
      path: fc.oneof(
        fc.constantFrom("active", "name.givenName", 'emails[type eq "work"].value', "userName"),
        fc.anything(),
      ),
      value: fc.anything(),
    });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ Operations: fc.array(op, { maxLength: 5 }) })), (body) => {
        try {
          applyPatch(ada, body);
        } catch (err) {
          expect(err).toBeInstanceOf(ScimError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("User resource (RFC 7643 §4.1)", () => {
  it("reads a POST body; userName is the lower-cased email; active defaults to true", () => {
    expect(
      parseUserResource({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        UserName: " Ada@Example.com ",
        name: { givenName: "Ada", familyName: "Lovelace" },
        emails: [{ value: "ada@example.com", primary: true }],
        externalId: "00u1",
        phoneNumbers: [{ value: "+1" }],
      }),
    ).toEqual({ ...ada, displayName: null });
  });

  it("refuses what is not a user with a SCIM 400", () => {
    expect(scimErrorOf(() => parseUserResource([]))).toMatchObject({ scimType: "invalidSyntax" });
    expect(scimErrorOf(() => parseUserResource({ userName: "nobody" }))).toMatchObject({ scimType: "invalidValue" });
    expect(scimErrorOf(() => parseUserResource({ userName: "a@b.co", active: "yes" }))).toMatchObject({
      scimType: "invalidValue",
    });
  });

  it("writes the resource with meta and one primary email", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const user = toScimUser(
      {
        id: "user_1",
        email: "ada@example.com",
        name: "Ada Lovelace",
        givenName: "Ada",
        familyName: null,
        disabledAt: at,
        scimExternalId: "00u1",
        createdAt: at,
        updatedAt: at,
      },
      "https://gh.example/scim/v2",
    );
    expect(user).toMatchObject({
      id: "user_1",
      userName: "ada@example.com",
      externalId: "00u1",
      active: false,
      name: { givenName: "Ada", formatted: "Ada Lovelace" },
      emails: [{ value: "ada@example.com", type: "work", primary: true }],
      meta: { resourceType: "User", location: "https://gh.example/scim/v2/Users/user_1" },
    });
  });
});

describe("errors and lists", () => {
  it("error JSON carries status as a string and the scimType", () => {
    expect(scimErrorBody(new ScimError(400, "bad", "invalidFilter"))).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "400",
      scimType: "invalidFilter",
      detail: "bad",
    });
  });

  it("paging clamps per §3.4.2.4 and refuses non-integers", () => {
    expect(parsePaging(new URLSearchParams("startIndex=0&count=-5"))).toEqual({ startIndex: 1, count: 0 });
    expect(parsePaging(new URLSearchParams("count=100000"))).toEqual({ startIndex: 1, count: 200 });
    expect(scimErrorOf(() => parsePaging(new URLSearchParams("startIndex=abc")))).toMatchObject({
      scimType: "invalidValue",
    });
    expect(listResponse([1, 2], 10, 3)).toMatchObject({ totalResults: 10, startIndex: 3, itemsPerPage: 2 });
  });
});
