// Settings → MultiMail → Webhook: register our URL through POST /v1/webhooks with the operator's
// approval code, keep the returned whsec_ secret encrypted, list and delete subscriptions (§2.6).
import type { Db } from "@/lib/db/client";
import { appUrl, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { MultiMailClient } from "@/lib/multimail/client";
import { deleteSetting } from "./secrets";
import { viaMultiMail } from "./multimail-admin";
import { WEBHOOK_EVENTS, type ApprovalOutcome, type WebhookRow } from "./schemas";
import { clearWebhookSecretCache, readStoredWebhook, storeWebhookSecret, WEBHOOK_SETTING } from "./webhook-secret";

export function ourWebhookUrl(): string {
  return `${appUrl()}/api/webhooks/multimail`;
}

/**
 * First call (no code): MultiMail emails the operator a code. Second call (code): the subscription is
 * created and its secret stored. Refused up front without SECRETS_KEY: the secret is shown only once,
 * so it must be storable before MultiMail creates the subscription.
 */
export async function registerWebhook(
  db: Db,
  client: MultiMailClient,
  input: { approvalCode?: string },
  by: string,
): Promise<ApprovalOutcome<{ id: string; url: string; secretInEnv: boolean }>> {
  if (!env().SECRETS_KEY) {
    throw new AppError(
      "not_configured",
      "SECRETS_KEY is not set, so Countersign cannot store the webhook's signing secret. Set SECRETS_KEY (at least 32 characters) and restart, then register again.",
    );
  }
  const url = ourWebhookUrl();
  const step = await viaMultiMail(() => client.createWebhook({ url, events: [...WEBHOOK_EVENTS], approvalCode: input.approvalCode?.trim() || undefined }));
  if (step.step === "code_sent") {
    return { step: "code_sent", message: step.message ?? "MultiMail emailed an approval code to the operator." };
  }
  const created = step.result;
  await storeWebhookSecret(db, { id: created.id, url: created.url ?? url, events: created.events, signingSecret: created.signingSecret }, by);
  return { step: "done", id: created.id, url: created.url ?? url, secretInEnv: Boolean(env().MULTIMAIL_WEBHOOK_SECRET) };
}

export async function listWebhooks(db: Db, client: MultiMailClient): Promise<WebhookRow[]> {
  const [subs, stored] = await Promise.all([viaMultiMail(() => client.listWebhooks()), readStoredWebhook(db)]);
  return subs.map((s) => ({
    id: s.id,
    url: s.url,
    events: s.events,
    mailboxId: s.mailboxId,
    createdAt: s.createdAt,
    ours: stored?.id === s.id,
  }));
}

/** Deletes the subscription; when it is the one whose secret we store, the stored secret goes too. */
export async function deleteWebhook(db: Db, client: MultiMailClient, webhookId: string): Promise<{ removedStoredSecret: boolean }> {
  await viaMultiMail(() => client.deleteWebhook(webhookId));
  const stored = await readStoredWebhook(db);
  if (stored?.id !== webhookId) return { removedStoredSecret: false };
  await deleteSetting(db, WEBHOOK_SETTING);
  clearWebhookSecretCache();
  return { removedStoredSecret: true };
}
