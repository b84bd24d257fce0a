// POST /api/webhooks/multimail, in the house order: size limit → raw body → signature (constant
// time) → parse → record the delivery once → acknowledge; the sync runs after the response. The
// recorded deliveries are a durable inbox: one whose processing failed, or never ran (a crash after
// the 200), is processed again by the worker until it succeeds (drainWebhookInbox).
import { createHash } from "node:crypto";
import { and, asc, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { verifyWebhookSignature } from "@/lib/multimail/signature";
import { parseWebhookPayload } from "@/lib/multimail/webhook-payload";
import type { MultiMailClient } from "@/lib/multimail/client";
import { publishInboxChange } from "@/lib/inbox/publish-inbox-change";
import { syncInboundEmail } from "@/lib/inbox/sync-inbound-email";
import { hasUnstorable, storableJson } from "@/lib/text/storable";
import { backoffMs } from "./deliver-decision";
import { syncEmail } from "./sync-email";

export type IngestResult =
  | { status: "accepted"; deliveryId: string; emailId: string | null; mailboxId: string | null; threadId: string | null; kind: string; eventType: string }
  /** Seen before; `deliveryId` is set when that delivery is still unprocessed (it is due again now). */
  | { status: "duplicate"; eventType: string; deliveryId?: string }
  | { status: "ignored"; deliveryId: string; eventType: string };

const SYNCED_KINDS = new Set(["pending", "approved", "rejected", "delivered", "bounced", "sent", "complained", "received"]);

/**
 * Every webhook's one statement, built once per database and prepared (named) on each connection:
 * no query building per request, and PostgreSQL parses and plans it once per connection.
 */
const recordDeliveryByDb = new WeakMap<Db, ReturnType<typeof prepareRecordDelivery>>();
function prepareRecordDelivery(db: Db) {
  return db
    .insert(webhookDeliveries)
    .values({
      source: "multimail",
      dedupeKey: sql.placeholder("dedupeKey"),
      eventType: sql.placeholder("eventType"),
      subjectId: sql.placeholder("subjectId"),
      payload: sql.placeholder("payload"),
      // A column's encoder refuses a null placeholder: the time comes as ISO text (or null), cast here.
      processedAt: sql`${sql.placeholder("processedAt")}::timestamptz`,
    })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id })
    .prepare("record_multimail_delivery");
}
function recordDelivery(db: Db) {
  let prepared = recordDeliveryByDb.get(db);
  if (!prepared) recordDeliveryByDb.set(db, (prepared = prepareRecordDelivery(db)));
  return prepared;
}

export async function ingestMultiMailWebhook(db: Db, input: { rawBody: string; signature: string | null; secret: string; stripPrefix: boolean }): Promise<IngestResult> {
  const verdict = verifyWebhookSignature(input.rawBody, input.signature, input.secret, { stripWhsecPrefix: input.stripPrefix });
  if (!verdict.ok) {
    const why = {
      missing: "The X-MultiMail-Signature header is missing.",
      malformed: "The X-MultiMail-Signature header is malformed.",
      mismatch: "The signature does not match the body.",
    }[verdict.reason];
    throw new AppError("unauthorized", why);
  }
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  const parsed = parseWebhookPayload(json);
  if (!parsed.ok) throw new AppError("bad_request", `The payload is not a MultiMail event: ${parsed.error}`);
  const event = parsed.event;
  for (const [field, value] of [
    ["event", event.type],
    ["email id", event.emailId],
    ["mailbox id", event.mailboxId],
    ["thread id", event.threadId],
  ] as const) {
    if (value && hasUnstorable(value)) throw new AppError("bad_request", `The ${field} contains characters that cannot be stored (U+0000 or a lone surrogate).`);
  }

  // No delivery id is documented (multimail-api.md §4, §6.7): a retry resends identical bytes, so the
  // body's digest identifies a delivery.
  const dedupeKey = createHash("sha256").update(input.rawBody).digest("hex");
  // An event Countersign does not sync is recorded already processed: one statement, as for the others.
  const syncedId = SYNCED_KINDS.has(event.kind) ? event.emailId : null;
  const [row] = await recordDelivery(db).execute({
    dedupeKey,
    eventType: event.type,
    subjectId: event.emailId,
    payload: storableJson(json),
    processedAt: syncedId ? null : new Date().toISOString(),
  });
  if (!row) {
    // MultiMail re-sends what it thinks failed: if we still have not applied it, try again now.
    const [open] = await db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date() })
      .where(and(eq(webhookDeliveries.source, "multimail"), eq(webhookDeliveries.dedupeKey, dedupeKey), isNull(webhookDeliveries.processedAt)))
      .returning({ id: webhookDeliveries.id });
    return { status: "duplicate", eventType: event.type, deliveryId: open?.id };
  }
  if (!syncedId) return { status: "ignored", deliveryId: row.id, eventType: event.type };
  return {
    status: "accepted",
    deliveryId: row.id,
    emailId: syncedId,
    mailboxId: event.mailboxId,
    threadId: event.threadId,
    kind: event.kind,
    eventType: event.type,
  };
}

const PROCESSING_LEASE_MS = 30_000;

export interface DeliveryRef {
  deliveryId: string;
  emailId: string;
  mailboxId: string | null;
  threadId?: string | null;
  kind?: string;
}

/**
 * The work after the acknowledgement: fetch the email from the API and apply it. Inbound mail is
 * stored from its summary instead (a GET would mark it read before anyone has), and open inbox
 * views are told either way. Claimed first, so the request's own follow-up and the worker never
 * process one delivery at once; a failure is kept on the row with the next attempt's time.
 */
export async function processMultiMailDelivery(db: Db, client: MultiMailClient, delivery: DeliveryRef) {
  const now = new Date();
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({ lockedUntil: new Date(now.getTime() + PROCESSING_LEASE_MS), attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(
      and(
        eq(webhookDeliveries.id, delivery.deliveryId),
        isNull(webhookDeliveries.processedAt),
        or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
      ),
    )
    .returning({ attempts: webhookDeliveries.attempts });
  if (!claimed) return { kind: "busy" as const };
  try {
    const outcome =
      delivery.kind === "received"
        ? await syncInboundEmail(db, client, { emailId: delivery.emailId, mailboxId: delivery.mailboxId, threadId: delivery.threadId ?? null })
        : await syncEmail(db, client, { emailId: delivery.emailId, mailboxId: delivery.mailboxId });
    if (delivery.kind !== "received") await publishInboxChange(db, delivery.emailId);
    await db.update(webhookDeliveries).set({ processedAt: new Date(), error: null, lockedUntil: null }).where(eq(webhookDeliveries.id, delivery.deliveryId));
    return outcome;
  } catch (error) {
    await db
      .update(webhookDeliveries)
      .set({ error: error instanceof Error ? error.message : String(error), lockedUntil: null, nextAttemptAt: new Date(Date.now() + backoffMs(claimed.attempts)) })
      .where(eq(webhookDeliveries.id, delivery.deliveryId));
    throw error;
  }
}

/** One pass of the durable inbox: every due delivery that was acknowledged but not applied yet. */
export async function drainWebhookInbox(db: Db, client: MultiMailClient, batch = 50): Promise<{ processed: number; failed: number }> {
  const now = new Date();
  const due = await db
    .select({ id: webhookDeliveries.id, payload: webhookDeliveries.payload })
    .from(webhookDeliveries)
    .where(
      and(
        isNull(webhookDeliveries.processedAt),
        lte(webhookDeliveries.nextAttemptAt, now),
        or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
        eq(webhookDeliveries.source, "multimail"),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(batch);
  let processed = 0;
  let failed = 0;
  for (const row of due) {
    const parsed = parseWebhookPayload(row.payload);
    if (!parsed.ok || !parsed.event.emailId) {
      await db
        .update(webhookDeliveries)
        .set({ processedAt: new Date(), error: parsed.ok ? "no email id" : parsed.error })
        .where(eq(webhookDeliveries.id, row.id));
      continue;
    }
    const { emailId, mailboxId, threadId, kind } = parsed.event;
    try {
      const outcome = await processMultiMailDelivery(db, client, { deliveryId: row.id, emailId, mailboxId, threadId, kind });
      if (outcome.kind !== "busy") processed += 1;
    } catch {
      failed += 1; // kept on the row with its next attempt
    }
  }
  return { processed, failed };
}
