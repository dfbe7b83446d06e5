// Requests Auth.js would answer with 500 ("server configuration") are found first (issue 10).
import { describe, expect, it } from "vitest";
import { authJsRequestProblem } from "./auth-js-request";

const get = (query: string, cookie?: string) =>
  new Request(`http://localhost:3000/api/auth/session${query}`, { headers: cookie ? { cookie } : {} });

describe("authJsRequestProblem", () => {
  it("lets paths and http(s) URLs through", () => {
    for (const q of ["", "?callbackUrl=%2Fservers", "?callbackUrl=http%3A%2F%2Flocalhost%3A3000%2Fx", "?callbackUrl="])
      expect(authJsRequestProblem(get(q)), q).toBeNull();
    expect(authJsRequestProblem(get("", "authjs.callback-url=%2Faccount%2Fapps"))).toBeNull();
  });

  it("refuses a callbackUrl in the query or the cookie that Auth.js calls invalid", () => {
    for (const q of ["?callbackUrl=javascript%3Aalert(1)", "?callbackUrl=*z%3D", "?callbackUrl=%0Ax"])
      expect(authJsRequestProblem(get(q)), q).not.toBeNull();
    expect(authJsRequestProblem(get("", "a=b; authjs.callback-url=javascript%3Ax"))).not.toBeNull();
  });
});
