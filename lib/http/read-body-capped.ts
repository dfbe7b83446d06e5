// The one body reader of every App Router surface that reads a request body (registration, the
// admin API, POST /authorize, Auth.js): a byte cap checked against Content-Length before reading
// and counted again while the body streams in, so neither an honest 100 MB upload nor a chunked one
// that never says its length gets buffered (issue 10, defect 3). The Node adapter of the hot
// endpoints (node-endpoint.ts) applies the same rule to Node's own stream.
//
// It also refuses NUL: PostgreSQL cannot store 0x00 in text, so a NUL that reached a query made the
// database throw and the request answer 500 (defect 4). Bodies are checked here, at parse time, once
// for every field; URLs are checked by edge-guard.ts before any route runs.

/** Registration and metadata-document JSON, OAuth form bodies, Auth.js forms. */
export const PROTOCOL_BODY_LIMIT = 64 * 1024;
/** The admin API (/api/v1): bulk edits of clients carry more than a registration. */
export const ADMIN_BODY_LIMIT = 1024 * 1024;

/** The body is larger than the cap: answer 413 in the surface's format. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

/** The body cannot be read as asked (bad JSON, a NUL character): answer 400 in the surface's format. */
export class MalformedBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedBodyError";
  }
}

export const NUL_MESSAGE = "The request contains a NUL character (0x00), which is never valid here.";

export function hasNul(value: string): boolean {
  return value.includes("\0");
}

/** The raw body, at most `limit` bytes; throws BodyTooLargeError past it (the rest is never read). */
export async function readBytesCapped(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** The body as UTF-8 text, capped; NUL refused (it is never meaningful in a text body we read). */
export async function readTextCapped(request: Request, limit: number): Promise<string> {
  const text = new TextDecoder().decode(await readBytesCapped(request, limit));
  if (hasNul(text)) throw new MalformedBodyError(NUL_MESSAGE);
  return text;
}

/** The body parsed as JSON (parseJsonRefusingNul), capped. */
export async function readJsonCapped(request: Request, limit: number): Promise<unknown> {
  return parseJsonRefusingNul(new TextDecoder().decode(await readBytesCapped(request, limit)));
}

/**
 * JSON.parse that throws MalformedBodyError for invalid JSON or a NUL character. A raw NUL is
 * already invalid JSON; the reviver catches the escaped form ("\u0000") in any string or key.
 */
export function parseJsonRefusingNul(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (hasNul(key) || (typeof value === "string" && hasNul(value))) throw new MalformedBodyError(NUL_MESSAGE);
      return value;
    }) as unknown;
  } catch (err) {
    if (err instanceof MalformedBodyError) throw err;
    throw new MalformedBodyError("The body is not valid JSON.");
  }
}
