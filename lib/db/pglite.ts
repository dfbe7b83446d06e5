import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** Every embedded database Gatehouse opens, with the extensions the migrations create. */
export function newPglite(dataDir?: string, options: Pick<PGliteOptions, "loadDataDir"> = {}): PGlite {
  return new PGlite({ dataDir, extensions: { pg_trgm }, ...options });
}
