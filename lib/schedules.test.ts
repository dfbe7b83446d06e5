import { expect, it, vi } from "vitest";
import { every, stopSchedules } from "./schedules";

it("runs a task on its interval without overlap, and stopSchedules waits for the run in progress", async () => {
  vi.useFakeTimers();
  let runs = 0;
  let finished = 0;
  let release: () => void = () => undefined;
  every("test.task", 1_000, async () => {
    runs++;
    await new Promise<void>((resolve) => (release = resolve));
    finished++;
  });
  every("test.task", 1_000, async () => expect.unreachable("a second schedule under the same name"));
  await vi.advanceTimersByTimeAsync(1_000);
  expect(runs).toBe(1);
  await vi.advanceTimersByTimeAsync(3_000); // still running: no second run starts
  expect(runs).toBe(1);
  const stopped = stopSchedules();
  let done = false;
  void stopped.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  expect(done).toBe(false);
  release();
  await stopped;
  expect(finished).toBe(1);
  await vi.advanceTimersByTimeAsync(5_000); // stopped: never again
  expect(runs).toBe(1);
  vi.useRealTimers();
});
