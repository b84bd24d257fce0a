// Secrets Countersign stores itself (the webhook signing secret registered from Settings), encrypted
// at rest with AES-256-GCM under SECRETS_KEY. Without that key nothing is stored, and we say so.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const VERSION = "v1";
const IV_BYTES = 12;

/** The 256-bit key: SHA-256 of SECRETS_KEY (at least 32 characters, checked in lib/env.ts). */
function keyFrom(secretsKey: string): Buffer {
  return createHash("sha256").update(secretsKey, "utf8").digest();
}

function requireSecretsKey(explicit?: string): string {
  const key = explicit ?? env().SECRETS_KEY;
  if (!key) {
    throw new AppError(
      "not_configured",
      "SECRETS_KEY is not set, so Countersign will not store this secret. Set SECRETS_KEY (at least 32 characters, e.g. openssl rand -base64 32) and restart, or put the secret in MULTIMAIL_WEBHOOK_SECRET yourself.",
    );
  }
  return key;
}

/**
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). The setting's name is the additional authenticated data,
 * so a ciphertext copied to another setting does not decrypt.
 */
export function encryptSecret(plaintext: string, name: string, secretsKey?: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(requireSecretsKey(secretsKey)), iv);
  cipher.setAAD(Buffer.from(name, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string, name: string, secretsKey?: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new AppError("internal", `The stored ${name} is not in a known format.`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(requireSecretsKey(secretsKey)), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(name, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("not_configured", `The stored ${name} cannot be decrypted with the current SECRETS_KEY (was the key changed?). Register the webhook again.`);
  }
}

/** A JSON setting (settings.value is text). */
export async function readJsonSetting<T>(db: Db, key: string): Promise<T | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  if (!row) return null;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return null;
  }
}

export async function writeJsonSetting(db: Db, key: string, value: unknown, updatedBy: string | null): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insert(settings)
    .values({ key, value: text, updatedBy, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value: text, updatedBy, updatedAt: new Date() } });
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.delete(settings).where(eq(settings.key, key));
}
