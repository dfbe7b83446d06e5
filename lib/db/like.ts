// Substring search with LIKE / ILIKE. Prisma's `contains` puts the text between two `%` as it is, so
// a search for "%" or "_" matched everyone; every search goes through likeLiteral first.

/** The text with LIKE's wildcards (% _) and its escape character (\, the default) escaped. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** A LIKE pattern matching `text` anywhere, taken literally. */
export function containsPattern(text: string): string {
  return `%${likeLiteral(text)}%`;
}
