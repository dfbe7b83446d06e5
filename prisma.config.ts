// Prisma CLI configuration. Prisma 6.19 with driver adapters and the JS schema engine works
// offline (Prisma 7's CLI downloads a binary). The CLI only ever talks to an in-memory PGlite:
// migrations are authored with `npm run db:diff` and applied by lib/db/migrate.ts.
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    // Same runtime interface; the adapter's types come from an older copy (see lib/db/client.ts).
    return new PrismaPGlite(new PGlite()) as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
