// The shared body reader (issue 10, defects 3 and 4): the cap holds by Content-Length and while
// streaming, and NUL never gets past parsing.
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, MalformedBodyError, NUL_MESSAGE, readJsonCapped, readTextCapped } from "./read-body-capped";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

/** A body of `chunks` × 16 KiB without a Content-Length; `pulled()` says how many were read. */
function endless(chunks: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(16 * 1024).fill(97));
    },
  });
  return { stream, pulled: () => pulled };
}

describe("readTextCapped", () => {
  it("refuses a declared length over the cap before reading anything", async () => {
    const { stream, pulled } = endless(1000);
    const req = post(stream, { "content-length": String(100 * 1024 * 1024) });
    await expect(readTextCapped(req, 64 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops a chunked body at the cap and reads no further", async () => {
    const { stream, pulled } = endless(6400); // 100 MiB if read to the end
    await expect(readTextCapped(post(stream), 64 * 1024)).rejects.toThrow("larger than 65536 bytes");
    expect(pulled()).toBeLessThan(10);
  });

  it("returns a body within the cap and refuses a NUL in it", async () => {
    expect(await readTextCapped(post("a=1&b=2"), 64)).toBe("a=1&b=2");
    await expect(readTextCapped(post("a=1\0"), 64)).rejects.toThrow(NUL_MESSAGE);
  });
});

describe("readJsonCapped", () => {
  it("parses JSON and refuses an escaped NUL in any string or key, however deep", async () => {
    expect(await readJsonCapped(post('{"a":["b",{"c":"d"}]}'), 1024)).toEqual({ a: ["b", { c: "d" }] });
    for (const body of ['{"client_name":"a\\u0000b"}', '{"a":[{"b":["\\u0000"]}]}', '{"a\\u0000":1}']) {
      await expect(readJsonCapped(post(body), 1024)).rejects.toThrow(NUL_MESSAGE);
    }
  });

  it("calls invalid JSON malformed, not a server error", async () => {
    await expect(readJsonCapped(post("{nope"), 1024)).rejects.toBeInstanceOf(MalformedBodyError);
    await expect(readJsonCapped(post(""), 1024)).rejects.toBeInstanceOf(MalformedBodyError);
  });
});
