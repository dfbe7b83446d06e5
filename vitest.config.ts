import path from "node:path";
import { defineConfig } from "vitest/config";

const PACKAGE_SRC = "packages/mcp-resource-auth/src";

export default defineConfig({
  resolve: {
    alias: [
      // The verifier package's sources, as tsconfig.json's paths map them (its dist/ is for publishing).
      {
        find: /^@gatehouse\/mcp-resource-auth$/,
        replacement: path.resolve(import.meta.dirname, PACKAGE_SRC, "index.ts"),
      },
      {
        find: /^@gatehouse\/mcp-resource-auth\/(.*)$/,
        replacement: path.resolve(import.meta.dirname, PACKAGE_SRC) + "/$1",
      },
      { find: /^@\//, replacement: path.resolve(import.meta.dirname) + "/" },
      // Next.js resolves these for the server layers; in Vitest they are plain no-ops.
      { find: "server-only", replacement: path.resolve(import.meta.dirname, "test/empty-module.ts") },
    ],
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    // Each file opens its own database; PGlite boots in ~1 s, migrations in a few hundred ms.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
  },
});
