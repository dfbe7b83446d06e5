// First-load JavaScript per App Router route, measured from a finished `next build` (Next 16 with
// Turbopack no longer prints sizes). A route's first load = the root main files every page loads
// + the chunks of every entry (layouts, error/loading boundaries, the page) its client reference
// manifest lists. Sizes are raw bytes and gzip (what travels), in kB.
// Usage: npx next build && npm run -s bench:bundles [-- --json] [-- --filter dashboard]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const NEXT = path.resolve(process.argv.includes("--dir") ? process.argv[process.argv.indexOf("--dir") + 1]! : ".next");
const asJson = process.argv.includes("--json");

type Manifest = { entryJSFiles?: Record<string, string[]> };

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name === "page_client-reference-manifest.js") out.push(full);
  }
  return out;
}

/** The manifest files assign `globalThis.__RSC_MANIFEST[key] = {...}`; evaluate them in isolation. */
function readManifest(file: string): Manifest {
  const sandbox: { __RSC_MANIFEST?: Record<string, Manifest> } = {};
  new Function("globalThis", readFileSync(file, "utf8"))(sandbox);
  return Object.values(sandbox.__RSC_MANIFEST ?? {})[0] ?? {};
}

const sizeCache = new Map<string, { raw: number; gzip: number }>();
function sizeOf(chunk: string): { raw: number; gzip: number } {
  let s = sizeCache.get(chunk);
  if (!s) {
    const bytes = readFileSync(path.join(NEXT, chunk));
    s = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizeCache.set(chunk, s);
  }
  return s;
}

/** "server/app/(dashboard)/servers/[slug]/clients/page_client-reference-manifest.js" → "/servers/[slug]/clients" */
function routeOf(file: string): string {
  const rel = path.relative(path.join(NEXT, "server/app"), path.dirname(file));
  const segments = rel.split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

if (!existsSync(path.join(NEXT, "build-manifest.json"))) {
  console.error(`No build in ${NEXT}: run npx next build first.`);
  process.exit(2);
}
const buildManifest = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as {
  rootMainFiles: string[];
};
const rows = walk(path.join(NEXT, "server/app"))
  .map((file) => {
    const chunks = new Set(buildManifest.rootMainFiles);
    for (const files of Object.values(readManifest(file).entryJSFiles ?? {})) for (const c of files) chunks.add(c);
    const total = { raw: 0, gzip: 0 };
    for (const c of chunks) {
      const s = sizeOf(c);
      total.raw += s.raw;
      total.gzip += s.gzip;
    }
    return {
      route: routeOf(file),
      chunks: chunks.size,
      rawKb: +(total.raw / 1024).toFixed(1),
      gzipKb: +(total.gzip / 1024).toFixed(1),
    };
  })
  .sort((a, b) => a.route.localeCompare(b.route));

if (asJson) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(`${"route".padEnd(48)} ${"chunks".padStart(6)} ${"raw kB".padStart(9)} ${"gzip kB".padStart(9)}`);
  for (const r of rows)
    console.log(
      `${r.route.padEnd(48)} ${String(r.chunks).padStart(6)} ${r.rawKb.toFixed(1).padStart(9)} ${r.gzipKb.toFixed(1).padStart(9)}`,
    );
}
