// Why: no first-party webhook schema exists and the two documented envelopes disagree, so any event
// name is accepted and mapped by suffix; payloads are hints, re-fetch the email (multimail-api.md §4, §6.6).
import { z } from "zod";
import { isPlainObject, parseMetadata, toIsoTimestamp } from "./schemas";

export const WEBHOOK_EVENT_KINDS = ["received", "pending", "approved", "rejected", "delivered", "bounced", "complained", "sent", "unknown"] as const;
export type WebhookEventKind = (typeof WEBHOOK_EVENT_KINDS)[number];

/**
 * Last segment of the event name → kind. The suffixes are §6.6's; the nouns (`delivery`, `bounce`,
 * `complaint`, `inbound`) are what the use-case page calls its events, and the pending statuses
 * cover an `oversight.*` name built from a status (none is documented, §4).
 */
const KIND_BY_SUFFIX: Record<string, WebhookEventKind> = {
  received: "received",
  inbound: "received",
  pending: "pending",
  pending_approval: "pending",
  pending_send_approval: "pending",
  pending_inbound_approval: "pending",
  approved: "approved",
  rejected: "rejected",
  delivered: "delivered",
  delivery: "delivered",
  bounced: "bounced",
  bounce: "bounced",
  complained: "complained",
  complaint: "complained",
  sent: "sent",
};

export function webhookEventKind(type: string): WebhookEventKind {
  const suffix = type.trim().toLowerCase().split(/[.:/]/).pop() ?? "";
  return KIND_BY_SUFFIX[suffix] ?? "unknown";
}

const str = z
  .unknown()
  .optional()
  .transform((v) => {
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
  });
/** `mailbox` may be an id, an address, or an object carrying one. */
const mailboxRef = z
  .unknown()
  .optional()
  .transform((v) => str.parse(isPlainObject(v) ? (v.id ?? v.address) : v));
const fields = {
  email_id: str,
  message_id: str,
  mailbox_id: str,
  mailbox: mailboxRef,
  thread_id: str,
  status: str,
  timestamp: str,
  created_at: str,
  bounce_type: str,
  metadata: z.unknown().optional(),
};

/**
 * `/patterns`: `{event, timestamp, data:{email_id,…}}`; use-case page: `{event_type, mailbox,
 * message_id, thread_id, timestamp}` (§4). Both accepted; `data` wins over top-level fields.
 */
export const webhookPayloadSchema = z
  .looseObject({
    event: str,
    event_type: str,
    type: str,
    ...fields,
    data: z
      .unknown()
      .optional()
      .transform((v) => z.object(fields).parse(isPlainObject(v) ? v : {})),
  })
  .transform((p, ctx) => {
    const type = p.event ?? p.event_type ?? p.type;
    if (!type) {
      ctx.issues.push({ code: "custom", message: "missing event type (event, event_type or type)", input: p });
      return z.NEVER;
    }
    const d = p.data;
    return {
      type,
      kind: webhookEventKind(type),
      // Caution: on the use-case envelope `message_id` may not be MultiMail's email id; re-fetch anyway.
      emailId: d.email_id ?? d.message_id ?? p.email_id ?? p.message_id,
      mailboxId: d.mailbox_id ?? d.mailbox ?? p.mailbox_id ?? p.mailbox,
      threadId: d.thread_id ?? p.thread_id,
      status: d.status ?? p.status,
      timestamp: toIsoTimestamp(p.timestamp ?? d.timestamp ?? p.created_at ?? d.created_at),
      metadata: parseMetadata(d.metadata) ?? parseMetadata(p.metadata),
      bounceType: d.bounce_type ?? p.bounce_type,
    };
  });
export type WebhookEvent = z.infer<typeof webhookPayloadSchema> & { raw: Record<string, unknown> };

export type WebhookParseResult = { ok: true; event: WebhookEvent } | { ok: false; error: string };

/** Rejects only a non-object or a missing event type; unknown event names come back as kind "unknown". */
export function parseWebhookPayload(json: unknown): WebhookParseResult {
  if (!isPlainObject(json)) return { ok: false, error: "payload is not a JSON object" };
  const parsed = webhookPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join("; ") };
  return { ok: true, event: { ...parsed.data, raw: json } };
}

/**
 * With no delivery id or signed timestamp (§4, §6.7), (event, email id, status) identifies a delivery
 * well enough to make handlers idempotent.
 */
export function webhookDedupeKey(event: Pick<WebhookEvent, "type" | "emailId" | "status">): string {
  return [event.type, event.emailId ?? "-", event.status ?? "-"].join("|");
}
