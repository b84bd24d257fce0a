// POST /api/webhooks/multimail – signed MultiMail events: verified, recorded once, acknowledged, then synced.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { noteRejectedWebhook, resolveWebhookSecret } from "@/lib/connect/webhook-secret";
import { AppError } from "@/lib/errors";
import { afterResponse } from "@/lib/http/after-response";
import { readRawBody } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";
import { isMultiMailConfigured, oversightClient } from "@/lib/multimail/connection";
import { ingestMultiMailWebhook, processMultiMailDelivery } from "@/lib/review/ingest-multimail-webhook";
import { kickOutbox } from "@/lib/review/outbox-signal";

export const dynamic = "force-dynamic";

export const POST = route("webhook.multimail", { access: "public" }, async (request, { log }) => {
  const e = env();
  const rawBody = await readRawBody(request, e.WEBHOOK_MAX_BYTES);
  const db = await getDb();
  // MULTIMAIL_WEBHOOK_SECRET wins; otherwise the secret of the subscription registered in Settings.
  const signing = await resolveWebhookSecret(db);
  if (!signing) {
    throw new AppError("not_configured", "No webhook signing secret: set MULTIMAIL_WEBHOOK_SECRET or register the webhook in Settings → MultiMail.");
  }
  const result = await ingestMultiMailWebhook(db, {
    rawBody,
    signature: request.headers.get("x-multimail-signature"),
    secret: signing.secret,
    stripPrefix: e.MULTIMAIL_WEBHOOK_STRIP_PREFIX,
  }).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === "unauthorized") await noteRejectedWebhook(db, error.message);
    throw error;
  });
  if (result.status === "accepted" && result.emailId && isMultiMailConfigured()) {
    const { deliveryId, emailId, mailboxId, threadId, kind } = result;
    afterResponse(async () => {
      try {
        const outcome = await processMultiMailDelivery(db, oversightClient(), { deliveryId, emailId, mailboxId, threadId, kind });
        if (outcome.kind === "revision_matched") kickOutbox();
      } catch (error) {
        log.warn({ err: error, emailId }, "webhook sync failed; the delivery stays in the inbox and is retried");
      }
    });
  } else if (result.status === "duplicate" && result.deliveryId) {
    // A re-sent delivery we have not applied yet: the worker's inbox pass takes it now.
    kickOutbox();
  }
  log.info({ status: result.status, event: result.eventType }, "multimail webhook");
  return NextResponse.json({ status: result.status, event: result.eventType }, { status: 200 });
});
