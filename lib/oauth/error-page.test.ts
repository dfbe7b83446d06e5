import { describe, expect, it } from "vitest";
import { authorizationErrorInterstitial, authorizationErrorPage } from "./error-page";

describe("authorizationErrorPage (AUTHZ-02, AUTHZ-15)", () => {
  it("AUTHZ-02: is a 400 HTML page with no Location header (never a redirect to the client)", async () => {
    const res = authorizationErrorPage("Invalid redirect URI", "Not registered.");
    expect(res.status).toBe(400);
    expect(res.headers.has("location")).toBe(false);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("<h1>Invalid redirect URI</h1>");
    expect(html).toContain("Not registered.");
  });

  it("uses the status it is given", () => {
    expect(authorizationErrorPage("Gone", "x", 404).status).toBe(404);
  });

  it("AUTHZ-15: cannot be framed (CSP frame-ancestors 'none' and X-Frame-Options: DENY)", () => {
    const res = authorizationErrorPage("t", "d");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("is not cached", () => {
    expect(authorizationErrorPage("t", "d").headers.get("cache-control")).toBe("no-store");
  });

  it("escapes HTML in the title and the description", async () => {
    const html = await authorizationErrorPage(`<script>alert("t")</script>`, `<img src=x onerror='d'> & more`).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&#39;d&#39;&gt; &amp; more");
  });
});

describe("authorizationErrorInterstitial (AUTHZ-07: no automatic redirect for self-registered clients)", () => {
  const location =
    "https://app.example/cb?error=invalid_scope&error_description=Nope&state=s&iss=https%3A%2F%2Fas.example%2Foauth%2Fdemo";

  it("is a 400 HTML page without a Location header, whose one link is the error response", async () => {
    const res = authorizationErrorInterstitial("Some App", "The requested scope is not allowed.", location);
    expect(res.status).toBe(400);
    expect(res.headers.has("location")).toBe(false);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("The requested scope is not allowed.");
    expect(html).toContain(`href="${location.replaceAll("&", "&amp;")}"`);
    expect(html).toContain("(app.example)");
    expect(html).toContain("has not verified it");
  });

  it("names a native callback by its scheme, and escapes the client's name", async () => {
    const html = await authorizationErrorInterstitial(
      `<b>"Evil"</b>`,
      "d",
      "cursor://anysphere.cursor-retrieval/oauth/callback?error=x",
    ).text();
    expect(html).toContain("(cursor://)");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;b&gt;&quot;Evil&quot;&lt;/b&gt;");
  });
});

describe("the request ID (issue 11 #11: something to quote to an administrator)", () => {
  it("is shown on the error page and on the interstitial when given", async () => {
    const page = await authorizationErrorPage("Unknown application", "Not registered.", 400, "req_abc").text();
    expect(page).toContain(`<code id="request-id">req_abc</code>`);
    const interstitial = await authorizationErrorInterstitial(
      "App",
      "bad scope",
      "https://app.example/cb?error=invalid_scope",
      "req_def",
    ).text();
    expect(interstitial).toContain(`<code id="request-id">req_def</code>`);
  });

  it("is styled like the consent screen: a card, light and dark", async () => {
    const html = await authorizationErrorPage("t", "d").text();
    expect(html).toContain("prefers-color-scheme:dark");
    expect(html).toContain("border-radius:.75rem");
    expect(html).not.toContain(`id="request-id"`);
  });
});
