// The server's background work (expiry sweep, DCR prune, webhook worker, activity flush, audit
// retention): one registry per process (lib/process-state.ts), so graceful shutdown stops every
// timer and waits for a run in progress before the database closes, whichever bundle started it.
import { logger } from "@/lib/logger";
import { processWide } from "@/lib/process-state";

interface Schedule {
  timers: NodeJS.Timeout[];
  /** The run in progress, if any: a run never overlaps the previous one. */
  running?: Promise<void>;
}

const schedules = processWide("schedules", () => new Map<string, Schedule>());

/**
 * Runs `task` every `everyMs` (and once after `firstAfterMs`, if given) until stopSchedules. A
 * second call with the same name is ignored. Failures are logged as `<name>_failed`.
 */
export function every(name: string, everyMs: number, task: () => Promise<unknown>, firstAfterMs?: number): void {
  if (schedules.has(name)) return;
  const schedule: Schedule = { timers: [] };
  const run = () => {
    if (schedule.running) return;
    schedule.running = task()
      .then(
        () => undefined,
        (err: unknown) => logger.warn(`${name}_failed`, { err }),
      )
      .finally(() => (schedule.running = undefined));
  };
  schedule.timers.push(setInterval(run, everyMs));
  if (firstAfterMs !== undefined) schedule.timers.push(setTimeout(run, firstAfterMs));
  for (const t of schedule.timers) t.unref();
  schedules.set(name, schedule);
}

/** Stops every timer, then waits for the runs in progress (shutdown: before closing the database). */
export async function stopSchedules(): Promise<void> {
  const all = [...schedules.values()];
  schedules.clear();
  for (const s of all) for (const t of s.timers) clearInterval(t);
  await Promise.all(all.map((s) => s.running));
}
