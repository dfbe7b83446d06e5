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

/**
 * The text of a PostgreSQL array ('{"a","b",NULL}'), to pass as one text[] or int[] parameter:
 * every element quoted, with `"` and `\` backslash-escaped (array syntax, whatever
 * standard_conforming_strings says), NULL unquoted. NUL is refused as in sqlLiteral.
 */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  const element = (v: string | number | null) => {
    if (v === null) return "NULL";
    const text = String(v);
    if (text.includes("\u0000")) throw new Error("A SQL array element cannot contain a NUL character.");
    return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  };
  return `{${values.map(element).join(",")}}`;
}
