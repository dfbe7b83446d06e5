// The logger batches info lines per event-loop turn and never holds back a warning or an error.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { flushLog, logger } from "./logger";

let out: MockInstance<typeof process.stdout.write>;
let err: MockInstance<typeof process.stderr.write>;
const written = (spy: MockInstance<typeof process.stdout.write>) => spy.mock.calls.map((c) => String(c[0]));
const events = (chunks: string[]) =>
  chunks.flatMap((c) => c.split("\n").filter(Boolean)).map((l) => (JSON.parse(l) as { event: string }).event);

beforeEach(() => {
  flushLog();
  out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe("logger", () => {
  it("writes the info lines of one turn in one write, at the end of the turn", async () => {
    logger.info("a", { n: 1 });
    logger.info("b");
    expect(out).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written(out)).toHaveLength(1);
    expect(events(written(out))).toEqual(["a", "b"]);
  });

  it("writes a warning at once, after the info lines before it", () => {
    logger.info("first");
    logger.warn("second");
    expect(events(written(out))).toEqual(["first", "second"]);
  });

  it("writes an error to stderr at once, after flushing the pending info lines to stdout", () => {
    logger.info("before");
    logger.error("failed", { err: new Error("boom") });
    expect(events(written(out))).toEqual(["before"]);
    const line = JSON.parse(written(err)[0]!) as { event: string; err: { message: string } };
    expect(line).toMatchObject({ event: "failed", err: { message: "boom" } });
  });

  it("writes at once when a burst outgrows the pending cap", () => {
    for (let i = 0; i < 200; i++) logger.info("burst", { pad: "x".repeat(1000) });
    expect(out).toHaveBeenCalled();
    flushLog();
    expect(events(written(out))).toHaveLength(200);
  });
});
