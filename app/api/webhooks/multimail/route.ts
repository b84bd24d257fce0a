// POST /api/webhooks/multimail – signed MultiMail events: verified, recorded once, acknowledged, then synced.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
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
  if (!e.MULTIMAIL_WEBHOOK_SECRET) {
    throw new AppError("not_configured", "MULTIMAIL_WEBHOOK_SECRET is not set, so no webhook can be verified.");
  }
  const db = await getDb();
  const result = await ingestMultiMailWebhook(db, {
    rawBody,
    signature: request.headers.get("x-multimail-signature"),
    secret: e.MULTIMAIL_WEBHOOK_SECRET,
    stripPrefix: e.MULTIMAIL_WEBHOOK_STRIP_PREFIX,
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
