// Why: MultiMail signs webhooks with `X-MultiMail-Signature: sha256=<hex>`, an HMAC-SHA256 of the raw
// body with no timestamp; the details are weakly sourced, so verification is tolerant (multimail-api.md §4, §6.7).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-multimail-signature";
const WHSEC_PREFIX = "whsec_";
const SIGNATURE_PATTERN = /^(?:sha256=)?([0-9a-f]{64})$/i;

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "malformed" | "mismatch" };

export interface VerifyOptions {
  /**
   * Also accept an HMAC keyed with the secret minus its `whsec_` prefix. Unknown whether MultiMail
   * keys with the full string (§4), so the full `whsec_…` key is always tried and this adds the other.
   */
  stripWhsecPrefix?: boolean;
}

function hmac(rawBody: string | Uint8Array, key: string): Buffer {
  return createHmac("sha256", key).update(rawBody).digest();
}

function assertSecret(secret: string): void {
  // An empty secret is a configuration bug; failing loudly beats accepting HMAC("") signatures.
  if (!secret) throw new TypeError("MultiMail webhook secret is empty");
}

/** `sha256=<hex>` over the exact bytes, keyed with the full secret as given. */
export function signWebhookBody(rawBody: string | Uint8Array, secret: string): string {
  assertSecret(secret);
  return `sha256=${hmac(rawBody, secret).toString("hex")}`;
}

/**
 * Verify against the raw request body (never a re-serialised `JSON.parse` result). Accepts the value
 * with or without `sha256=`, hex in either case; compares in constant time against every candidate key.
 */
export function verifyWebhookSignature(rawBody: string | Uint8Array, header: string | null | undefined, secret: string, options: VerifyOptions = {}): SignatureCheck {
  assertSecret(secret);
  const value = header?.trim();
  if (!value) return { ok: false, reason: "missing" };
  const hex = SIGNATURE_PATTERN.exec(value)?.[1];
  if (!hex) return { ok: false, reason: "malformed" };
  const given = Buffer.from(hex, "hex"); // 32 bytes, the same length as every digest below

  const keys = [secret];
  if (options.stripWhsecPrefix && secret.startsWith(WHSEC_PREFIX) && secret.length > WHSEC_PREFIX.length) {
    keys.push(secret.slice(WHSEC_PREFIX.length));
  }
  // Every candidate is compared, with no short-circuit, so timing does not reveal which key matched.
  let matched = false;
  for (const key of keys) {
    const equal = timingSafeEqual(given, hmac(rawBody, key));
    matched = equal || matched;
  }
  return matched ? { ok: true } : { ok: false, reason: "mismatch" };
}
