// SQL string literals for the one place that cannot send parameters: `EXECUTE name(…)` on PGlite
// (PostgreSQL accepts no $n there). Pure, so it is tested on its own.

/**
 * `NULL`, or the value as a standard string literal: `'…'` with every `'` doubled. Backslashes
 * need no escaping only while standard_conforming_strings is on (the default since PostgreSQL
 * 9.1, and PGlite's): the caller checks that once per session. NUL is refused: PostgreSQL text
 * cannot hold it, and a C string would end at it.
 */
export function sqlLiteral(value: string | null): string {
  if (value === null) return "NULL";
  if (value.includes("\u0000")) throw new Error("A SQL string literal cannot contain a NUL character.");
  return `'${value.replaceAll("'", "''")}'`;
}
