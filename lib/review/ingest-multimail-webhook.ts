// POST /api/webhooks/multimail, in the house order: size limit → raw body → signature (constant
// time) → parse → record the delivery once → acknowledge; the sync runs after the response.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { verifyWebhookSignature } from "@/lib/multimail/signature";
import { parseWebhookPayload } from "@/lib/multimail/webhook-payload";
import type { MultiMailClient } from "@/lib/multimail/client";
import { publishInboxChange } from "@/lib/inbox/publish-inbox-change";
import { syncInboundEmail } from "@/lib/inbox/sync-inbound-email";
import { syncEmail } from "./sync-email";

export type IngestResult =
  | { status: "accepted"; deliveryId: string; emailId: string | null; mailboxId: string | null; threadId: string | null; kind: string; eventType: string }
  | { status: "duplicate"; eventType: string }
  | { status: "ignored"; deliveryId: string; eventType: string };

const SYNCED_KINDS = new Set(["pending", "approved", "rejected", "delivered", "bounced", "sent", "complained", "received"]);

export async function ingestMultiMailWebhook(
  db: Db,
  input: { rawBody: string; signature: string | null; secret: string; stripPrefix: boolean },
): Promise<IngestResult> {
  const verdict = verifyWebhookSignature(input.rawBody, input.signature, input.secret, { stripWhsecPrefix: input.stripPrefix });
  if (!verdict.ok) {
    const why = { missing: "The X-MultiMail-Signature header is missing.", malformed: "The X-MultiMail-Signature header is malformed.", mismatch: "The signature does not match the body." }[verdict.reason];
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

  // No delivery id is documented (multimail-api.md §4, §6.7): a retry resends identical bytes, so the
  // body's digest identifies a delivery.
  const dedupeKey = createHash("sha256").update(input.rawBody).digest("hex");
  const [row] = await db
    .insert(webhookDeliveries)
    .values({ source: "multimail", dedupeKey, eventType: event.type, subjectId: event.emailId, payload: json as object })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  if (!row) return { status: "duplicate", eventType: event.type };
  if (!SYNCED_KINDS.has(event.kind) || !event.emailId) {
    await db.update(webhookDeliveries).set({ processedAt: new Date() }).where(eq(webhookDeliveries.id, row.id));
    return { status: "ignored", deliveryId: row.id, eventType: event.type };
  }
  return { status: "accepted", deliveryId: row.id, emailId: event.emailId, mailboxId: event.mailboxId, threadId: event.threadId, kind: event.kind, eventType: event.type };
}

/**
 * The work after the acknowledgement: fetch the email from the API and apply it. Inbound mail is
 * stored from its summary instead (a GET would mark it read before anyone has), and open inbox
 * views are told either way.
 */
export async function processMultiMailDelivery(
  db: Db,
  client: MultiMailClient,
  delivery: { deliveryId: string; emailId: string; mailboxId: string | null; threadId?: string | null; kind?: string },
) {
  try {
    const outcome =
      delivery.kind === "received"
        ? await syncInboundEmail(db, client, { emailId: delivery.emailId, mailboxId: delivery.mailboxId, threadId: delivery.threadId ?? null })
        : await syncEmail(db, client, { emailId: delivery.emailId, mailboxId: delivery.mailboxId });
    if (delivery.kind !== "received") await publishInboxChange(db, delivery.emailId);
    await db.update(webhookDeliveries).set({ processedAt: new Date(), error: null }).where(eq(webhookDeliveries.id, delivery.deliveryId));
    return outcome;
  } catch (error) {
    // The reconciler picks the email up on its next pass; keep why this delivery did not apply.
    await db
      .update(webhookDeliveries)
      .set({ error: error instanceof Error ? error.message : String(error) })
      .where(eq(webhookDeliveries.id, delivery.deliveryId));
    throw error;
  }
}
