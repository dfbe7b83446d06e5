// User passwords: scrypt from node:crypto (memory-hard; no native addon to install).
// N=2^15, r=8, p=3 is one of OWASP's scrypt settings (~32 MiB, tens of ms per verify).
// Stored as "scrypt$N$r$p$salt$hash" (base64url) so the cost can be raised later.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { randomToken } from "@/lib/ids";

const N = 2 ** 15;
const R = 8;
const P = 3;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function maxmem(n: number, r: number, p: number): number {
  return 128 * n * r * p + 16 * 1024 * 1024;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: maxmem(N, R, P) });
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split("$");
  if (alg !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const key = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
    ...params,
    maxmem: maxmem(params.N, params.r, params.p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spent on unknown emails so that response time does not reveal which accounts exist. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("gatehouse-dummy-password");
  await verifyPassword(password, await dummyHash);
}

/** A temporary password shown once to an admin: 20 characters, ~120 bits. */
export function generateTemporaryPassword(): string {
  return randomToken(15);
}
