// The MultiMail webhook signing secret: MULTIMAIL_WEBHOOK_SECRET when set (it wins), otherwise the
// secret of the subscription registered from Settings, kept encrypted in the settings table.
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { decryptSecret, encryptSecret, readJsonSetting, writeJsonSetting } from "./secrets";

export const WEBHOOK_SETTING = "multimail.webhook";
const SECRET_NAME = "multimail.webhook.signing_secret";
const REJECTED_SETTING = "multimail.webhook_rejected";
const CACHE_MS = 5_000;
const REJECT_NOTE_EVERY_MS = 10_000;

/** What Settings registered (the secret sealed with SECRETS_KEY; see secrets.ts). */
export interface StoredWebhook {
  id: string;
  url: string | null;
  events: string[];
  registeredBy: string;
  registeredAt: string;
  secret: string;
}

export type WebhookSecret = { secret: string; source: "env" | "stored" } | null;

type Global = { __countersignWebhookSecret?: { until: number; value: WebhookSecret } };
const g = globalThis as Global;

export async function readStoredWebhook(db: Db): Promise<StoredWebhook | null> {
  return readJsonSetting<StoredWebhook>(db, WEBHOOK_SETTING);
}

/** Seals and stores a new subscription's secret; refuses (not_configured) without SECRETS_KEY. */
export async function storeWebhookSecret(db: Db, input: { id: string; url: string | null; events: string[]; signingSecret: string }, by: string): Promise<void> {
  const sealed = encryptSecret(input.signingSecret, SECRET_NAME);
  const row: StoredWebhook = { id: input.id, url: input.url, events: input.events, registeredBy: by, registeredAt: new Date().toISOString(), secret: sealed };
  await writeJsonSetting(db, WEBHOOK_SETTING, row, by);
  g.__countersignWebhookSecret = undefined;
}

/** The stored secret in clear, or null when none is stored. Throws when it cannot be decrypted. */
export async function storedWebhookSecret(db: Db): Promise<string | null> {
  const row = await readStoredWebhook(db);
  return row ? decryptSecret(row.secret, SECRET_NAME) : null;
}

/**
 * The secret the webhook route verifies with. The environment's wins; the stored one is read at most
 * every 5 s per process (a registration in this process takes effect at once, in others within 5 s).
 */
export async function resolveWebhookSecret(db: Db): Promise<WebhookSecret> {
  const fromEnv = env().MULTIMAIL_WEBHOOK_SECRET;
  if (fromEnv) return { secret: fromEnv, source: "env" };
  const hit = g.__countersignWebhookSecret;
  if (hit && hit.until > Date.now()) return hit.value;
  let value: WebhookSecret = null;
  try {
    const stored = await storedWebhookSecret(db);
    value = stored ? { secret: stored, source: "stored" } : null;
  } catch (error) {
    logger.warn({ err: error }, "the stored MultiMail webhook secret cannot be used");
  }
  g.__countersignWebhookSecret = { until: Date.now() + CACHE_MS, value };
  return value;
}

export interface RejectedWebhook {
  at: string;
  reason: string;
}

let lastNoted = 0;

/** Remembers the latest webhook refused at verification, for Settings; at most one write per 10 s. */
export async function noteRejectedWebhook(db: Db, reason: string): Promise<void> {
  const now = Date.now();
  if (now - lastNoted < REJECT_NOTE_EVERY_MS) return;
  lastNoted = now;
  try {
    await writeJsonSetting(db, REJECTED_SETTING, { at: new Date(now).toISOString(), reason } satisfies RejectedWebhook, null);
  } catch (error) {
    logger.warn({ err: error }, "could not note a rejected webhook");
  }
}

export async function lastRejectedWebhook(db: Db): Promise<RejectedWebhook | null> {
  return readJsonSetting<RejectedWebhook>(db, REJECTED_SETTING);
}

/** Tests start from an empty cache. */
export function clearWebhookSecretCache(): void {
  g.__countersignWebhookSecret = undefined;
  lastNoted = 0;
}
