// Compiles server/main.ts (the server process: the protocol front, then Next.js) to dist/server.mjs.
// Our own modules are bundled (the `@/` paths come from tsconfig.json); packages stay in
// node_modules and are imported at run time, so the process shares Next.js's copy of each.
import { build } from "esbuild";

await build({
  entryPoints: ["server/main.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  // Bundled CommonJS-style code (none of ours, but a dependency's shim may ask) gets a require().
  banner: {
    js: "import { createRequire as __gatehouseCreateRequire } from 'node:module'; const require = __gatehouseCreateRequire(import.meta.url);",
  },
});
