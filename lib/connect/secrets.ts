// Secrets Countersign stores itself (the webhook signing secret registered from Settings), encrypted
// at rest with AES-256-GCM under SECRETS_KEY. Without that key nothing is stored, and we say so.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { seal, unseal } from "@/lib/crypto/seal";

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

/** Sealed with lib/crypto/seal.ts; the setting's name is bound in, so a ciphertext copied to another setting does not open. */
export function encryptSecret(plaintext: string, name: string, secretsKey?: string): string {
  return seal(keyFrom(requireSecretsKey(secretsKey)), plaintext, name);
}

export function decryptSecret(sealed: string, name: string, secretsKey?: string): string {
  const key = keyFrom(requireSecretsKey(secretsKey));
  const opened = unseal(key, sealed, name);
  if (opened.ok) return opened.plaintext;
  if (opened.reason === "malformed") throw new AppError("internal", `The stored ${name} is not in a known format.`);
  throw new AppError("not_configured", `The stored ${name} cannot be decrypted with the current SECRETS_KEY (was the key changed?). Register the webhook again.`);
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
