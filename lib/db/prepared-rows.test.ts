// preparedRows against a real database: in-memory PGlite (EXECUTE with literals) by default,
// PostgreSQL (named statements) when DATABASE_URL is set.
import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import type { AccessTokenClaims } from "@/lib/oauth/access-token";
import { CLIENT_SUBJECT_PREFIX } from "@/lib/oauth/access-token";
import { systemContext } from "@/lib/services/context";
import { isAccessTokenActive } from "@/lib/services/oauth/token-status";
import { createTestDb } from "@/test/db";
import { insertServer } from "@/test/factories";
import { preparedRows, rawRows, type PreparedStatement } from "./client";
import { arrayLiteral } from "./sql-literal";

const database = await createTestDb();

const ECHO_SQL = `
  SELECT $1::text AS "a", $2::text AS "b", r."jti", r."expiresAt", (r."jti" IS NOT NULL) AS "found"
    FROM (SELECT 1) AS "one"
    LEFT JOIN "RevokedAccessToken" r ON r."jti" = $1`;

function echo(name: string): PreparedStatement {
  return { name, sql: ECHO_SQL, paramTypes: ["text", "text"] };
}

interface EchoRow {
  a: string | null;
  b: string | null;
  jti: string | null;
  expiresAt: Date | null;
  found: boolean;
}

async function preparedCount(name: string): Promise<number> {
  const rows = await database.withConnection((c) =>
    c.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM pg_prepared_statements WHERE "name" = $1`, [name]),
  );
  return rows[0]?.n ?? 0;
}

const TRICKY = [
  "it's",
  "''",
  "back\\slash\\",
  "\\'; SELECT 1; --",
  "$1",
  "$$ $tag$",
  "émoji 🔑 ‘quotes’ 中文",
  `x'); DROP TABLE "User"; --`,
  "",
];

describe("preparedRows", () => {
  it("returns the same rows as the parameterized query, for awkward values and NULL", async () => {
    const statement = echo("gatehouse_test_echo");
    const expiresAt = new Date("2030-01-01T00:00:00.000Z");
    for (const jti of TRICKY.filter((v) => v !== ""))
      await database.prisma.revokedAccessToken.create({ data: { jti, expiresAt } });

    for (const value of [...TRICKY, null]) {
      for (const other of ["b", "o'b\\", null]) {
        const prepared = await preparedRows<EchoRow>(statement, [value, other]);
        expect(prepared).toEqual(await rawRows<EchoRow>(ECHO_SQL, [value, other]));
        expect(prepared).toEqual([
          { a: value, b: other, jti: value || null, expiresAt: value ? expiresAt : null, found: !!value },
        ]);
      }
    }
  });

  it("treats an injection attempt as data", async () => {
    const rows = await preparedRows<EchoRow>(echo("gatehouse_test_echo"), [
      `x'); DROP TABLE "User"; --`,
      `'); DEALLOCATE ALL; --`,
    ]);
    expect(rows[0]?.a).toBe(`x'); DROP TABLE "User"; --`);
    expect(rows[0]?.b).toBe(`'); DEALLOCATE ALL; --`);
    await expect(database.prisma.user.count()).resolves.toBeTypeOf("number");
  });

  it("refuses a NUL character, which PostgreSQL text cannot hold", async () => {
    // PGlite: sqlLiteral refuses it before any SQL is built; PostgreSQL: the server rejects the parameter.
    const refusal = database.kind === "pglite" ? /NUL/ : /invalid byte sequence/;
    await expect(preparedRows(echo("gatehouse_test_echo"), ["a\u0000b", null])).rejects.toThrow(refusal);
    expect((await preparedRows<EchoRow>(echo("gatehouse_test_echo"), ["after", null]))[0]?.a).toBe("after");
  });

  it("prepares once when the first calls arrive together", async () => {
    const statement = echo("gatehouse_test_concurrent");
    const values = Array.from({ length: 20 }, (_, i) => `v'${i}`);
    const results = await Promise.all(values.map((v) => preparedRows<EchoRow>(statement, [v, null])));
    expect(results.map((r) => r[0]?.a)).toEqual(values);
    if (database.kind === "pglite") expect(await preparedCount(statement.name)).toBe(1);
  });

  it("prepares again after the session drops its statements (DEALLOCATE ALL)", async () => {
    const statement = echo("gatehouse_test_dealloc");
    expect(await preparedRows<EchoRow>(statement, ["one", null])).toHaveLength(1);
    // On PostgreSQL the pool hands back the connection just released (LIFO): the one that holds it.
    const held = await database.withConnection(async (c) => {
      const [row] = await c.query<{ n: number }>(
        `SELECT count(*)::int AS "n" FROM pg_prepared_statements WHERE "name" = $1`,
        [statement.name],
      );
      await c.exec("DEALLOCATE ALL");
      return row?.n;
    });
    expect(held).toBe(1);
    expect((await preparedRows<EchoRow>(statement, ["two", null]))[0]?.a).toBe("two");
    expect((await preparedRows<EchoRow>(statement, ["three", null]))[0]?.a).toBe("three");
    if (database.kind === "pglite") expect(await preparedCount(statement.name)).toBe(1);
  });

  it("withConnection retires a connection whose named statement the server dropped", async () => {
    const named = (value: string) =>
      database.withConnection((c) => c.query<{ a: string }>(`SELECT $1::text AS "a"`, [value], "gatehouse_test_named"));
    expect((await named("one"))[0]?.a).toBe("one");
    // PostgreSQL: the pool hands back the connection just released (LIFO), which named the statement.
    await database.withConnection((c) => c.exec("DEALLOCATE ALL"));
    if (database.kind === "postgres") await expect(named("two")).rejects.toMatchObject({ code: "26000" });
    // That connection is gone: the next one prepares the statement afresh.
    expect((await named("three"))[0]?.a).toBe("three");
    expect((await named("four"))[0]?.a).toBe("four");
  });

  it("refuses a second, different statement under a name already in use", async () => {
    const statement = echo("gatehouse_test_unique");
    await preparedRows(statement, ["x", null]);
    await expect(
      preparedRows({ ...statement, sql: `SELECT $1::text AS "a", $2::text AS "b"` }, ["x", null]),
    ).rejects.toThrow(/gatehouse_test_unique/);
  });

  it("passes arrays as arrayLiteral text: every awkward element and NULL comes back as it went in", async () => {
    const statement: PreparedStatement = {
      name: "gatehouse_test_arrays",
      sql: `SELECT t."value", t."n" FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS t("value", "n", "ord") ORDER BY t."ord"`,
      paramTypes: ["text[]", "int[]"],
    };
    const values = [...TRICKY, null, '"quoted"', "a,b", "{braces}", "NULL", " spaced "];
    const numbers = values.map((_, i) => (i % 3 === 0 ? null : i - 5));
    const rows = await preparedRows<{ value: string | null; n: number | null }>(statement, [
      arrayLiteral(values),
      arrayLiteral(numbers),
    ]);
    expect(rows).toEqual(values.map((value, i) => ({ value, n: numbers[i] })));
  });

  it("refuses a parameter count that does not match the statement", async () => {
    await expect(preparedRows(echo("gatehouse_test_echo"), ["x"])).rejects.toThrow(/takes 2 parameters/);
  });

  it.runIf(database.kind === "pglite")(
    "falls back to parameterized queries when standard_conforming_strings is off",
    async () => {
      const statement = echo("gatehouse_test_nonstandard");
      await database.withConnection((c) => c.exec("SET standard_conforming_strings = off"));
      try {
        const rows = await preparedRows<EchoRow>(statement, ["a\\'b", "c\\\\"]);
        expect(rows[0]).toMatchObject({ a: "a\\'b", b: "c\\\\" });
        expect(await preparedCount(statement.name)).toBe(0);
      } finally {
        await database.withConnection((c) => c.exec("SET standard_conforming_strings = on"));
      }
    },
  );
});

describe("isAccessTokenActive through preparedRows", () => {
  it("agrees with the Prisma path, for a client id and jti full of quotes and backslashes", async () => {
    const server = await insertServer(database);
    const clientId = `https://app.example/it's\\$1?x='); DROP TABLE "User"; --`;
    await database.prisma.oAuthClient.create({
      data: {
        id: newId("client"),
        serverId: server.id,
        clientId,
        name: "Quotes",
        registration: "METADATA_DOCUMENT",
        isConfidential: false,
        tokenEndpointAuthMethod: "none",
        grantTypes: ["client_credentials"],
        redirectUris: [],
        allowedScopes: ["mcp:tools"],
      },
    });
    const claims: AccessTokenClaims = {
      iss: "https://gatehouse.example",
      sub: `${CLIENT_SUBJECT_PREFIX}${clientId}`,
      aud: server.resourceUrl,
      client_id: clientId,
      scope: "mcp:tools",
      iat: 0,
      exp: 0,
      jti: `jti'\\${newId("request")}`,
    };
    const processCtx = systemContext("test");
    const prismaCtx = systemContext("test", { db: database.prisma });
    const both = async (c: AccessTokenClaims) => [
      await isAccessTokenActive(processCtx, server.id, c),
      await isAccessTokenActive(prismaCtx, server.id, c),
    ];

    expect(await both(claims)).toEqual([true, true]);
    expect(await both({ ...claims, fam: `fam'${newId("family")}` })).toEqual([false, false]);
    expect(await both({ ...claims, client_id: `${clientId}'` })).toEqual([false, false]);
    await database.prisma.revokedAccessToken.create({
      data: { jti: claims.jti, expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await both(claims)).toEqual([false, false]);
  });
});
