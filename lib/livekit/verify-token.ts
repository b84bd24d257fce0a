// LiveKit's signing scheme, used both ways in: LiveKit's webhooks (WebhookReceiver) and the agents'
// transcript uploads (same JWT, a dedicated key; livekit.md §1.2, §3.4). The SDK and jose compare
// the signatures; this file turns their errors into one clear sentence and a 401.
import { createHash, timingSafeEqual } from "node:crypto";
import { TokenVerifier, WebhookReceiver, type WebhookEvent } from "livekit-server-sdk";
import { AppError } from "@/lib/errors";

/** LiveKit sends the bare JWT (§1.2); agents and proxies often add `Bearer `. Both are accepted. */
export function tokenFromHeader(header: string | null | undefined): string | null {
  const value = header?.trim() ?? "";
  if (!value) return null;
  return value.replace(/^bearer\s+/i, "").trim() || null;
}

/** A human reason for a failed verification, never the token or the secret. */
export function describeTokenError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const claim = (error as { claim?: unknown } | null)?.claim;
  const message = error instanceof Error ? error.message : "";
  if (message.includes("authorization header is empty")) return "The Authorization header is missing.";
  if (message.includes("sha256 checksum")) return "The body does not match the token's sha256 claim; send the exact bytes that were signed.";
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "The token has expired.";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (claim === "iss") return "The token was issued for a different API key.";
      if (claim === "nbf") return "The token is not valid yet (check the clocks).";
      if (claim === "exp") return "The token has no expiry.";
      return "The token's claims are not acceptable.";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "The token's signature does not match the secret.";
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
    case "ERR_JOSE_ALG_NOT_ALLOWED":
    case "ERR_JOSE_NOT_SUPPORTED":
      return "The Authorization header is not a valid LiveKit token.";
    default:
      return "The token could not be verified.";
  }
}

/** Body errors (valid signature, broken JSON) are the sender's bug, not an auth failure. */
function isBodyError(error: unknown): boolean {
  return error instanceof SyntaxError || (error instanceof Error && error.message.startsWith("cannot decode"));
}

/**
 * Verifies a LiveKit webhook over the raw body with the SDK's WebhookReceiver and returns the
 * event as proto JSON (plain, serialisable: no bigint, no classes; §5 "Serialization").
 */
export async function receiveLiveKitWebhook(
  rawBody: string,
  authorization: string | null,
  config: { apiKey: string; apiSecret: string; toleranceSeconds: number },
): Promise<unknown> {
  const token = tokenFromHeader(authorization);
  if (!token) throw new AppError("unauthorized", "The Authorization header is missing.");
  let event: WebhookEvent;
  try {
    event = await new WebhookReceiver(config.apiKey, config.apiSecret).receive(rawBody, token, false, config.toleranceSeconds);
  } catch (error) {
    if (isBodyError(error)) throw new AppError("bad_request", "The body is not a LiveKit webhook event (invalid JSON).");
    throw new AppError("unauthorized", describeTokenError(error));
  }
  return event.toJson();
}

/** Verifies an agent's upload token: HS256 from the ingest key, unexpired, with the body's SHA-256. */
export async function verifyUploadToken(rawBody: string, authorization: string | null, config: { key: string; secret: string }): Promise<void> {
  const token = tokenFromHeader(authorization);
  if (!token) throw new AppError("unauthorized", "The Authorization header is missing: sign the upload as livekit.md §3.4 describes.");
  let claims: Record<string, unknown>;
  try {
    claims = (await new TokenVerifier(config.key, config.secret).verify(token)) as Record<string, unknown>;
  } catch (error) {
    throw new AppError("unauthorized", describeTokenError(error));
  }
  const claimed = typeof claims.sha256 === "string" ? Buffer.from(claims.sha256, "base64") : Buffer.alloc(0);
  const actual = createHash("sha256").update(rawBody, "utf8").digest();
  if (claimed.length !== actual.length || !timingSafeEqual(claimed, actual)) {
    throw new AppError("unauthorized", "The body does not match the token's sha256 claim; send the exact bytes that were signed.");
  }
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
