// npm run fuzz — fast-check requests to every public surface of a production build (`next start`
// on a free loopback port, a fresh PGlite folder), asserting no 5xx and no hang. FUZZ_RUNS (10000)
// requests, FUZZ_SEED (random; printed, so a run can be replayed), FUZZ_CONCURRENCY (4),
// FUZZ_TIMEOUT_MS (20000) per request. Builds first when there is no build (BENCH_BUILD=1 rebuilds).
// Exits 1 on any 5xx or hang, printing the requests that caused them.
import os from "node:os";
import path from "node:path";
import { installSignalCleanup, runCleanups } from "./bench/harness";
import { formatReport, runFuzz } from "../test/fuzz/run";
import { startFuzzTarget } from "../test/fuzz/target";

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 4);
const timeoutMs = Number(process.env.FUZZ_TIMEOUT_MS ?? 20_000);

const keptLog = path.join(os.tmpdir(), `gatehouse-fuzz-${seed}.log`);

installSignalCleanup();
let failed = true;
let target: Awaited<ReturnType<typeof startFuzzTarget>> | undefined;
try {
  target = await startFuzzTarget();
  console.log(
    `next start on ${target.base} (log ${target.logFile}); ${runs} requests, seed ${seed}, concurrency ${concurrency}`,
  );
  const report = await runFuzz(target.base, target.context, {
    runs,
    seed,
    concurrency,
    timeoutMs,
    onProgress: (n) => console.log(`  ${n} requests…`),
  });
  const health = await fetch(`${target.base}/api/health`);
  console.log(formatReport(report));
  console.log(`after the run: GET /api/health → ${health.status}`);
  failed = report.serverErrors.length + report.hangs.length + report.lostAnswers.length > 0 || !health.ok;
  if (failed) console.log(`the server log is kept in ${keptLog}`);
} catch (err) {
  console.error(err);
} finally {
  await target?.stop(failed ? keptLog : undefined);
  await runCleanups();
}
process.exit(failed ? 1 : 0);
