// AES-256-GCM sealing of the secrets Countersign stores (Settings' webhook secret, hooks' signing
// secrets): `v1.<iv>.<tag>.<ciphertext>`, base64url. Each caller brings its own 256-bit key and may
// bind the ciphertext to a name (additional authenticated data), so it does not open elsewhere.
// Server code without the `server-only` marker: the webhook routes (Pages API routes, outside the
// App Router's server environment, where that marker throws) reach it through the stored secret.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;

export function seal(key: Buffer, plaintext: string, boundTo?: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  if (boundTo !== undefined) cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** "malformed" when it is not a sealed value at all; "wrong_key" when it does not open with this key (and name). */
export function unseal(key: Buffer, sealed: string, boundTo?: string): { ok: true; plaintext: string } | { ok: false; reason: "malformed" | "wrong_key" } {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return { ok: false, reason: "malformed" };
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    if (boundTo !== undefined) decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return { ok: true, plaintext: Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8") };
  } catch {
    return { ok: false, reason: "wrong_key" };
  }
}
