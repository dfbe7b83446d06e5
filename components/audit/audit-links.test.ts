import { describe, expect, it } from "vitest";
import { auditActorHref, auditServerHref, auditTargetHref } from "./audit-links";

const base = {
  action: "client.updated",
  actorType: "USER" as const,
  actorId: "user_1",
  targetType: "client",
  targetId: "cli_1",
  serverSlug: "demo",
  details: null,
};

describe("audit links (issue 11 #10d)", () => {
  it("links a target to the page of the thing it names", () => {
    expect(auditTargetHref(base)).toBe("/servers/demo/clients/cli_1");
    expect(auditTargetHref({ ...base, targetType: "server", targetId: "srv_1" })).toBe("/servers/demo");
    expect(auditTargetHref({ ...base, action: "member.added", targetType: "user", targetId: "user_2" })).toBe(
      "/users/user_2",
    );
    expect(auditTargetHref({ ...base, targetType: "webhook", targetId: "wh_1" })).toBe("/settings/webhooks/wh_1");
    expect(auditTargetHref({ ...base, targetType: "identity_provider", targetId: "idp_1" })).toBe(
      "/settings/identity-providers/idp_1",
    );
    expect(auditTargetHref({ ...base, targetType: "initial_access_token", targetId: "iat_1" })).toBe(
      "/servers/demo/settings/registration",
    );
  });

  it("links a revoked consent to its person, and nothing that the event says is gone", () => {
    const consent = { ...base, action: "consent.revoked", targetType: "consent", targetId: "con_1" };
    expect(auditTargetHref({ ...consent, details: { userId: "user_9" } })).toBe("/users/user_9");
    expect(auditTargetHref(consent)).toBeNull();
    expect(auditTargetHref({ ...base, action: "client.deleted" })).toBeNull();
    expect(auditTargetHref({ ...base, action: "client.pruned" })).toBeNull();
    expect(auditTargetHref({ ...base, serverSlug: null })).toBeNull();
    expect(auditTargetHref({ ...base, targetType: "signing_key" })).toBeNull();
  });

  it("links people and API keys as actors, and the server by its slug", () => {
    expect(auditActorHref(base)).toBe("/users/user_1");
    expect(auditActorHref({ ...base, actorType: "API_KEY", actorId: "key_1" })).toBe("/settings/api-keys");
    expect(auditActorHref({ ...base, actorType: "SYSTEM", actorId: null })).toBeNull();
    expect(auditServerHref(base)).toBe("/servers/demo");
    expect(auditServerHref({ serverSlug: null })).toBeNull();
  });
});
