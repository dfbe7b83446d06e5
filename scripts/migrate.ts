// `npm run db:migrate`: apply committed migrations to the configured database and exit.
import { applyMigrations } from "@/lib/db/client";
import { openDatabaseOrExit } from "./open-database";

const db = openDatabaseOrExit();
try {
  const { applied, alreadyApplied } = await applyMigrations(db);
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
      : `Database is up to date (${alreadyApplied} migration(s) applied earlier).`,
  );
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
