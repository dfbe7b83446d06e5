import { describe, expect, it } from "vitest";
import { clientTabsFor } from "./client-url";

describe("clientTabsFor", () => {
  it("leaves out Consents for a client-credentials client, which no user ever consents to (issue 11 #7)", () => {
    expect(clientTabsFor("client_credentials").map((t) => t.label)).toEqual([
      "Overview",
      "Settings",
      "Credentials",
      "Danger zone",
    ]);
    expect(clientTabsFor("authorization_code").map((t) => t.label)).toContain("Consents");
  });
});
