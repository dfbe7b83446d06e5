import { parseJsonRefusingNul } from "@/lib/http/read-body-capped";

// Page cursors are opaque to clients, but clients send them back, and anyone can forge one: it is
// base64url text. Every list decodes its cursor here. A cursor holding a NUL counts as no cursor (the
// first page), because PostgreSQL refuses 0x00 in text and the page's query would fail with a 500.

/** The cursor a list hands out for this text. */
export function encodeCursor(text: string): string {
  return Buffer.from(text).toString("base64url");
}

/** The text inside a cursor, or undefined for none or one no list could have written. */
export function decodeCursorText(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const text = Buffer.from(raw, "base64url").toString("utf8");
  return text.includes("\u0000") ? undefined : text;
}

/** The JSON value inside a cursor (a NUL in any string or key, escaped or not, counts as no cursor). */
export function decodeCursorJson(raw: string | undefined): unknown {
  const text = decodeCursorText(raw);
  if (text === undefined) return undefined;
  try {
    return parseJsonRefusingNul(text);
  } catch {
    return undefined;
  }
}
