// POST /api/webhooks/multimail – signed MultiMail events: verified, recorded once, acknowledged, then
// synced. A Pages API route on Node's own request (lib/http/machine-route.ts says why).
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { noteRejectedWebhook, resolveWebhookSecret } from "@/lib/connect/webhook-secret";
import { AppError } from "@/lib/errors";
import { headerValue, machineRoute } from "@/lib/http/machine-route";
import { isMultiMailConfigured, oversightClient } from "@/lib/multimail/connection";
import { ingestMultiMailWebhook, processMultiMailDelivery } from "@/lib/review/ingest-multimail-webhook";
import { webhookFollowUps } from "@/lib/review/follow-up-queue";
import { kickOutbox } from "@/lib/review/outbox-signal";

export const config = { api: { bodyParser: false } };

export default machineRoute("webhook.multimail", { maxBytes: () => env().WEBHOOK_MAX_BYTES }, async ({ rawBody, headers, log }) => {
  const db = await getDb();
  // MULTIMAIL_WEBHOOK_SECRET wins; otherwise the secret of the subscription registered in Settings.
  const signing = await resolveWebhookSecret(db);
  if (!signing) {
    throw new AppError("not_configured", "No webhook signing secret: set MULTIMAIL_WEBHOOK_SECRET or register the webhook in Settings → MultiMail.");
  }
  const result = await ingestMultiMailWebhook(db, {
    rawBody,
    signature: headerValue(headers, "x-multimail-signature"),
    secret: signing.secret,
    stripPrefix: env().MULTIMAIL_WEBHOOK_STRIP_PREFIX,
  }).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === "unauthorized") await noteRejectedWebhook(db, error.message);
    throw error;
  });
  log.info({ status: result.status, event: result.eventType }, "multimail webhook");
  const body = { status: result.status, event: result.eventType };
  if (result.status === "accepted" && result.emailId && isMultiMailConfigured()) {
    const { deliveryId, emailId, mailboxId, threadId, kind } = result;
    const sync = async () => {
      try {
        const outcome = await processMultiMailDelivery(db, oversightClient(), { deliveryId, emailId, mailboxId, threadId, kind });
        if (outcome.kind === "revision_matched") kickOutbox();
      } catch (error) {
        log.warn({ err: error, emailId }, "webhook sync failed; the delivery stays in the inbox and is retried");
      }
    };
    // A few syncs at a time (lib/review/follow-up-queue.ts); past its bound the worker's inbox pass takes it.
    const after = async () => {
      if (!webhookFollowUps().offer(sync)) kickOutbox();
    };
    return { status: 200, body, after };
  }
  // A re-sent delivery we have not applied yet: the worker's inbox pass takes it now.
  if (result.status === "duplicate" && result.deliveryId) kickOutbox();
  return { status: 200, body };
});
