// Signing secrets of hooks: generated at creation and shown once; stored AES-256-GCM encrypted with a
// key derived from the deployment's session secret (AUTH_SECRET, or the one kept in the database when
// it is not set), never sent to a browser again. Each delivery is signed with HMAC-SHA256 over
// "<timestamp>.<body>" (docs/hooks.md).
import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { authSecret } from "@/lib/auth/auth-secret";
import { seal, unseal } from "@/lib/crypto/seal";

const PREFIX = "whsec_";

export function generateHookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

async function encryptionKey(db: Db): Promise<Buffer> {
  return Buffer.from(hkdfSync("sha256", await authSecret(db), "countersign", "hook signing secrets", 32));
}

export async function encryptHookSecret(db: Db, secret: string): Promise<string> {
  return seal(await encryptionKey(db), secret);
}

/** Null when the stored secret cannot be opened (the session secret changed since it was stored). */
export async function decryptHookSecret(db: Db, stored: string): Promise<string | null> {
  const opened = unseal(await encryptionKey(db), stored);
  return opened.ok ? opened.plaintext : null;
}

/** `sha256=<hex>` of HMAC-SHA256("<timestamp>.<body>") with the hook's secret, as the header carries it. */
export function signHookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
