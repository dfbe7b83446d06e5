// The Consents tab's one-statement page against what Prisma's include reads for the same consents:
// every field equal (users disabled or not, a provider-granted consent, live, revoked and expired
// refresh families, timestamps to the millisecond), the search with LIKE's wildcards taken
// literally, the search by join for too many matching people, and the (grantedAt, id) cursor.
import { describe, expect, it } from "vitest";
import { consentFlow } from "@/test/consent-flow";
import { createTestDb } from "@/test/db";
import { listClientConsents } from "@/lib/services";
import { consentInclude, liveFamilyCounts, toConsentDto } from "./consent-dto";
import { containsPattern } from "@/lib/db/like";
import { consentPage, searchUserIds } from "./consent-page-sql";

const database = await createTestDb();
const db = database.prisma;
const { sys, slug, newUser, newClient, consentAndTokens } = await consentFlow(database, "cps");

/** What the page was before it was one statement: Prisma's include, then the family counts. */
async function viaInclude(clientRowId: string) {
  const rows = await db.consent.findMany({
    where: { clientId: clientRowId },
    include: consentInclude,
    orderBy: [{ grantedAt: "desc" }, { id: "desc" }],
  });
  const counts = await liveFamilyCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toConsentDto(r, counts.get(r.id) ?? 0));
}

const client = await newClient();
const plain = await newUser();
const revoked = await newUser();
const odd = await newUser();
const granted = await newUser();
for (const user of [plain, revoked, odd, granted]) await consentAndTokens(user, client);
// A second live family for one consent, then one revoked and one expired for another.
await consentAndTokens(plain, client);
await db.refreshFamily.updateMany({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
await consentAndTokens(revoked, client);
await db.refreshFamily.updateMany({
  where: { userId: revoked.id, revokedAt: null },
  data: { expiresAt: new Date(Date.now() - 1000) },
});
await db.user.update({ where: { id: odd.id }, data: { name: "50%_off \\ Ödön", disabledAt: new Date() } });
const provider = await db.identityProvider.create({
  data: { id: "idp_cps", slug: "cps-idp", label: "Acme SSO", issuer: "https://idp.cps.example", clientId: "x" },
});
await db.consent.updateMany({
  where: { userId: granted.id },
  data: { grantedByProviderId: provider.id, lastUsedAt: new Date("2026-12-04T10:11:12.345Z") },
});

const list = (q?: string) =>
  listClientConsents({ ctx: sys, serverSlug: slug, clientId: client.dto.id, input: q === undefined ? {} : { q } });

describe("the Consents tab's page statement", () => {
  it("reads every field as Prisma's include does", async () => {
    const expected = await viaInclude(client.dto.id);
    expect(expected.map((c) => c.liveRefreshTokens).sort()).toEqual([0, 1, 1, 2]);
    expect(expected.some((c) => c.grantedBy?.label === "Acme SSO" && c.lastUsedAt === "2026-12-04T10:11:12.345Z")).toBe(
      true,
    );
    expect((await list()).consents).toEqual(expected);
  });

  it("searches with LIKE's wildcards and escape character taken literally", async () => {
    expect(containsPattern("5%_\\")).toBe("%5\\%\\_\\\\%");
    for (const q of ["%", "_off", "50%_", "\\", "ödön"]) {
      expect(
        (await list(q)).consents.map((c) => c.user.id),
        q,
      ).toEqual([odd.id]);
    }
    expect((await list(plain.email.toUpperCase())).consents.map((c) => c.user.id)).toEqual([plain.id]);
    expect((await list("no such person")).consents).toEqual([]);
  });

  it("filters by join when too many people match to list", async () => {
    // Over the limit, searchUserIds hands back limit + 1 ids and the page filters by the condition.
    expect(await searchUserIds(db, "@", 1)).toHaveLength(2);
    const rows = await consentPage(db, { clientRowId: client.dto.id, userSearch: "50%_", take: 10, now: new Date() });
    expect(rows.map((r) => r.user_id)).toEqual([odd.id]);
  });

  it("pages newest first by (grantedAt, id), with no row twice or missed", async () => {
    const all = (await list()).consents.map((c) => c.id);
    const seen: string[] = [];
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const rows = await consentPage(db, {
        clientRowId: client.dto.id,
        ...(after ? { after } : {}),
        take: 1,
        now: new Date(),
      });
      if (rows.length === 0) break;
      seen.push(rows[0]!.id);
      after = { at: new Date(rows[0]!.granted_at), id: rows[0]!.id };
    }
    expect(seen).toEqual(all);
  });

  it("a forged cursor holding a NUL serves the first page instead of failing in the database", async () => {
    const cursor = Buffer.from("2026-01-01T00:00:00.000Z|cns_\u0000x").toString("base64url");
    const page = await listClientConsents({ ctx: sys, serverSlug: slug, clientId: client.dto.id, input: { cursor } });
    expect(page.consents.map((c) => c.id)).toEqual((await list()).consents.map((c) => c.id));
  });
});
