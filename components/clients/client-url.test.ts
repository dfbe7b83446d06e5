import { describe, expect, it } from "vitest";
import { clientTabsFor } from "./client-url";

describe("clientTabsFor", () => {
  it("leaves out Consents for a client-credentials client, which no user ever consents to (issue 11 #7)", () => {
    expect(clientTabsFor({ flow: "client_credentials", consentCount: 0 }).map((t) => t.label)).toEqual([
      "Overview",
      "Settings",
      "Credentials",
      "Danger zone",
    ]);
    expect(clientTabsFor({ flow: "authorization_code", consentCount: 0 }).map((t) => t.label)).toContain("Consents");
  });

  it("shows Consents for a client-credentials client once an IdP's policy granted it access for people (ID-JAG)", () => {
    expect(clientTabsFor({ flow: "client_credentials", consentCount: 2 }).map((t) => t.label)).toContain("Consents");
  });
});
