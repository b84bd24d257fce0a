// Signing secrets of hooks: generated at creation and shown once; stored AES-256-GCM encrypted with a
// key derived from the deployment's session secret (AUTH_SECRET, or the one kept in the database when
// it is not set), never sent to a browser again. Each delivery is signed with HMAC-SHA256 over
// "<timestamp>.<body>" (docs/hooks.md).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { authSecret } from "@/lib/auth/auth-secret";

const PREFIX = "whsec_";

export function generateHookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

async function encryptionKey(db: Db): Promise<Buffer> {
  return Buffer.from(hkdfSync("sha256", await authSecret(db), "countersign", "hook signing secrets", 32));
}

export async function encryptHookSecret(db: Db, secret: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", await encryptionKey(db), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(".");
}

/** Null when the stored secret cannot be opened (the session secret changed since it was stored). */
export async function decryptHookSecret(db: Db, stored: string): Promise<string | null> {
  const [version, iv, tag, sealed] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !sealed) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", await encryptionKey(db), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** `sha256=<hex>` of HMAC-SHA256("<timestamp>.<body>") with the hook's secret, as the header carries it. */
export function signHookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
