// `npm run db:seed`: migrations, plus the demo MCP server a first start would create.
// Users are not seeded: the first visit to /setup creates the owner (or use `gatehouse user:create`).
import { applyMigrations } from "@/lib/db/client";
import { openDatabaseOrExit } from "./open-database";
import { ensureDemoServer, systemContext } from "@/lib/services";

const db = openDatabaseOrExit();
try {
  await applyMigrations(db);
  console.log(
    (await ensureDemoServer(systemContext("seed")))
      ? "Created the demo MCP server."
      : "Nothing to seed: servers exist already.",
  );
} finally {
  await db.close();
}
