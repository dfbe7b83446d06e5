// Reading the process's Prometheus counters in tests (lib/metrics/metrics.ts).
import type { Counter } from "prom-client";

/** A counter's current value for these labels (0 before its first increment). */
export async function counted(counter: Counter, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await counter.get();
  return values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
}
