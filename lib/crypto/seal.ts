// Authenticated encryption (AES-256-GCM) for secrets Gatehouse must be able to read back: signing
// keys' private halves, and a rotated refresh token's successor during its grace window. The key is
// derived from GATEHOUSE_SECRET with HKDF, one sub-key per purpose.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { gatehouseSecret } from "@/lib/secret";

const keys = new Map<string, Buffer>();

function keyFor(purpose: string): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", gatehouseSecret(), "gatehouse", `seal:${purpose}`, 32));
    keys.set(purpose, key);
  }
  return key;
}

/** "v1.<iv>.<ciphertext>.<tag>" in base64url. */
export function seal(purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, data, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function unseal(purpose: string, sealed: string): string {
  const [version, iv, data, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !data || !tag) throw new Error("Not a sealed value.");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
