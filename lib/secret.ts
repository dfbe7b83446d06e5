// GATEHOUSE_SECRET (or AUTH_SECRET) keys the session cookie and, later, the encryption of signing
// keys. On the embedded database it is generated into the data folder on first run, so a fresh
// clone needs no configuration; on PostgreSQL several instances must share it, so it is required.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env";
import { randomToken } from "./ids";

let cached: string | undefined;

export function gatehouseSecret(): string {
  if (cached) return cached;
  const e = env();
  const configured = e.GATEHOUSE_SECRET ?? e.AUTH_SECRET;
  if (configured) return (cached = configured);
  if (e.DATABASE_URL) {
    throw new Error(
      "GATEHOUSE_SECRET is required when DATABASE_URL points at PostgreSQL: every instance must share it. " +
        "Generate one with: openssl rand -base64 32",
    );
  }
  if (e.GATEHOUSE_DATA_DIR.startsWith("memory://")) return (cached = randomToken(32));
  const dir = path.resolve(e.GATEHOUSE_DATA_DIR);
  const file = path.join(dir, "secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const fresh = randomToken(32);
    try {
      writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: "wx" });
      cached = fresh;
    } catch {
      cached = readFileSync(file, "utf8").trim(); // another process won the race
    }
  }
  if (!cached || cached.length < 32) throw new Error(`${file} does not hold a usable secret; delete it to regenerate.`);
  return cached;
}
