import { describe, expect, it } from "vitest";
import { domainAllowed, readPerson, roleFromGroups } from "./claims";
import { checkIssuerUrl } from "./oidc-client";
import { IDP_PRESETS } from "./presets";

const mapping = { emailClaim: "email", nameClaim: "name", groupsClaim: "groups" };

describe("reading a person from ID token claims", () => {
  it("trusts email_verified only when the IdP said true, and lower-cases the email", () => {
    expect(readPerson({ sub: "1", email: "Ada@Corp.Example", email_verified: true }, mapping)).toMatchObject({
      email: "ada@corp.example",
      emailVerified: true,
    });
    expect(readPerson({ sub: "1", email: "a@b.example" }, mapping).emailVerified).toBe(false);
    expect(readPerson({ sub: "1", email: "a@b.example", email_verified: "false" }, mapping).emailVerified).toBe(false);
  });

  it("reads groups as a list or a single string through the mapped claim", () => {
    expect(readPerson({ sub: "1", groups: ["a", 2, "b"] }, mapping).groups).toEqual(["a", "b"]);
    expect(readPerson({ sub: "1", groups: "a" }, mapping).groups).toEqual(["a"]);
    expect(readPerson({ sub: "1", groups: ["a"] }, { ...mapping, groupsClaim: null }).groups).toEqual([]);
  });

  it("allows any domain only when the list is empty", () => {
    expect(domainAllowed("a@corp.example", [])).toBe(true);
    expect(domainAllowed("a@corp.example", ["corp.example"])).toBe(true);
    expect(domainAllowed("a@evil-corp.example", ["corp.example"])).toBe(false);
    expect(domainAllowed("a@corp.example.evil", ["corp.example"])).toBe(false);
  });

  it("grants the strongest mapped role, or none when no group matches", () => {
    const order = ["OWNER", "ADMIN", "SECURITY", "DEVELOPER", "VIEWER"] as const;
    const maps = [
      { group: "devs", role: "DEVELOPER" as const },
      { group: "admins", role: "ADMIN" as const },
    ];
    expect(roleFromGroups(["devs", "admins"], maps, order)).toBe("ADMIN");
    expect(roleFromGroups(["devs"], maps, order)).toBe("DEVELOPER");
    expect(roleFromGroups(["other"], maps, order)).toBeNull();
  });
});

describe("issuer URLs", () => {
  it("require https, except http on loopback while the test flag is on", () => {
    expect(() => checkIssuerUrl("http://idp.example", true)).toThrow(/https/);
    expect(() => checkIssuerUrl("http://127.0.0.1:9000", false)).toThrow(/https/);
    expect(checkIssuerUrl("http://127.0.0.1:9000", true).port).toBe("9000");
    expect(() => checkIssuerUrl("https://idp.example/?x=1", false)).toThrow(/query/);
  });

  it("presets build the vendors' issuer patterns", () => {
    expect(IDP_PRESETS.entra.issuer("tid")).toBe("https://login.microsoftonline.com/tid/v2.0");
    expect(IDP_PRESETS.okta.issuer("example.okta.com/")).toBe("https://example.okta.com");
    expect(IDP_PRESETS.auth0.issuer("x.eu.auth0.com")).toBe("https://x.eu.auth0.com/");
    expect(IDP_PRESETS.keycloak.issuer("https://sso.example/realms/acme/.well-known/openid-configuration")).toBe(
      "https://sso.example/realms/acme",
    );
  });
});
