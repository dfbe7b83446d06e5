// The database for a one-shot script (CLI, migrate, seed). A PGlite folder that a running server (or
// another script) holds ends the script here with status 1 and the holder's pid, before PGlite
// touches a file in the folder.
import { database, type Database } from "@/lib/db/client";
import { DataFolderInUseError } from "@/lib/db/data-folder-lock";

export function openDatabaseOrExit(): Database {
  try {
    return database();
  } catch (err) {
    if (!(err instanceof DataFolderInUseError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
