import { describe, expect, it } from "vitest";
import { OAuthError } from "./errors";
import { parseParams, readFormBody } from "./params";

function parse(query: string) {
  return parseParams(new URLSearchParams(query));
}

function oauthError(fn: () => unknown): OAuthError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OAuthError) return err;
    throw err;
  }
  throw new Error("expected an OAuthError");
}

// OAuth 2.1 §3.1, §3.2 (checklist GEN-03, GEN-04, GEN-05) and RFC 8707 §2 (resource may repeat).
describe("parseParams", () => {
  it.each(["client_id=a%00b", "token=%00", "a%00=1", "state=x&scope=mcp%00tools"])(
    "refuses a NUL character in any name or value (%s): PostgreSQL cannot store it",
    (body) => {
      expect(() => parse(body)).toThrow(expect.objectContaining({ code: "invalid_request", status: 400 }));
    },
  );

  it("reads each parameter once, decoded", () => {
    const { params, repeated } = parse(
      "grant_type=authorization_code&code=a%2Bb&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&scope=a+b",
    );
    expect(Object.fromEntries(params)).toEqual({
      grant_type: "authorization_code",
      code: "a+b",
      redirect_uri: "http://127.0.0.1/cb",
      scope: "a b",
    });
    expect(repeated.size).toBe(0);
  });

  it.each([
    ["code twice", "code=X&code=Y", "code"],
    ["the same value twice", "state=s&state=s", "state"],
    ["client_id twice, far apart", "client_id=a&scope=x&client_id=b", "client_id"],
  ])("GEN-04: a repeated parameter (%s) is invalid_request", (_case, query, name) => {
    const err = oauthError(() => parse(query));
    expect(err.code).toBe("invalid_request");
    expect(err.status).toBe(400);
    expect(err.description).toContain(`"${name}"`);
  });

  it.each([
    ["an empty value", "code_challenge=&state=s", "code_challenge"],
    ["an empty value with no '='", "code_challenge&state=s", "code_challenge"],
  ])("GEN-05: %s counts as omitted", (_case, query, name) => {
    const { params } = parse(query);
    expect(params.has(name)).toBe(false);
    expect(params.get("state")).toBe("s");
  });

  it("GEN-05: an empty parameter next to a real one is not a repeat", () => {
    expect(parse("scope=&scope=mcp:tools").params.get("scope")).toBe("mcp:tools");
  });

  it("GEN-03: unknown parameters are kept but harmless (callers ignore them)", () => {
    expect(parse("grant_type=client_credentials&foo=bar").params.get("grant_type")).toBe("client_credentials");
  });

  it("AUTHZ-18 / RFC 8707 §2: resource may repeat; every value is kept in order, the first is the plain value", () => {
    const { params, repeated } = parse(
      "resource=https%3A%2F%2Fa.test%2Fmcp&resource=https%3A%2F%2Fb.test%2Fmcp&resource=",
    );
    expect(repeated.get("resource")).toEqual(["https://a.test/mcp", "https://b.test/mcp"]);
    expect(params.get("resource")).toBe("https://a.test/mcp");
  });
});

describe("readFormBody (TOK-01: POST with a form-encoded body only)", () => {
  const url = "https://as.example.test/oauth/demo/token";

  it("parses an application/x-www-form-urlencoded POST body, with or without a charset", async () => {
    for (const type of ["application/x-www-form-urlencoded", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"]) {
      const { params } = await readFormBody(
        new Request(url, {
          method: "POST",
          headers: { "content-type": type },
          body: "grant_type=refresh_token&refresh_token=r%20t",
        }),
      );
      expect(params.get("refresh_token")).toBe("r t");
    }
  });

  it("TOK-01: GET is refused with 405 and Allow: POST", async () => {
    const err = await readFormBody(new Request(`${url}?grant_type=client_credentials`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthError);
    expect(err).toMatchObject({ code: "invalid_request", status: 405, headers: { Allow: "POST" } });
  });

  it.each([
    ["a JSON body", "application/json", '{"grant_type":"client_credentials"}'],
    ["a multipart body", "multipart/form-data; boundary=x", "--x--"],
    ["text/plain", "text/plain", "grant_type=client_credentials"],
    ["no Content-Type", undefined, "grant_type=client_credentials"],
  ])("TOK-01: %s is invalid_request", async (_case, type, body) => {
    const headers: Record<string, string> = type ? { "content-type": type } : {};
    const request = new Request(url, { method: "POST", headers, body });
    if (!type) request.headers.delete("content-type");
    const err = await readFormBody(request).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid_request", status: 400 });
  });

  it("TOK-06: parameters in the URL query are never read, only the body", async () => {
    const request = new Request(`${url}?client_id=CONF&client_secret=S`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    const { params } = await readFormBody(request);
    expect(params.has("client_id")).toBe(false);
    expect(params.has("client_secret")).toBe(false);
  });

  it("GEN-04: a repeated parameter in the body is invalid_request", async () => {
    const request = new Request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "code=X&code=Y",
    });
    await expect(readFormBody(request)).rejects.toMatchObject({ code: "invalid_request" });
  });
});
