// Why: no first-party webhook schema exists and the two documented envelopes disagree, so any event
// name is accepted and mapped by suffix; payloads are hints, re-fetch the email (multimail-api.md §4, §6.6).
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

/** A text field: trimmed, a finite number as its digits; anything else (or blank) is null. */
function str(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** `mailbox` may be an id, an address, or an object carrying one. */
function mailboxRef(value: unknown): string | null {
  return str(isPlainObject(value) ? (value.id ?? value.address) : value);
}

export interface WebhookEvent {
  type: string;
  kind: WebhookEventKind;
  emailId: string | null;
  mailboxId: string | null;
  threadId: string | null;
  status: string | null;
  timestamp: string | null;
  metadata: Record<string, unknown> | null;
  bounceType: string | null;
  raw: Record<string, unknown>;
}

export type WebhookParseResult = { ok: true; event: WebhookEvent } | { ok: false; error: string };

/**
 * `/patterns`: `{event, timestamp, data:{email_id,…}}`; use-case page: `{event_type, mailbox,
 * message_id, thread_id, timestamp}` (§4). Both accepted; `data` wins over top-level fields. Rejects
 * only a non-object or a missing event type; unknown event names come back as kind "unknown". Plain
 * code, not a schema: every field is optional and loosely typed, and this runs on every webhook.
 */
export function parseWebhookPayload(json: unknown): WebhookParseResult {
  if (!isPlainObject(json)) return { ok: false, error: "payload is not a JSON object" };
  const p = json;
  const d = isPlainObject(p.data) ? p.data : {};
  const type = str(p.event) ?? str(p.event_type) ?? str(p.type);
  if (!type) return { ok: false, error: "missing event type (event, event_type or type)" };
  return {
    ok: true,
    event: {
      type,
      kind: webhookEventKind(type),
      // Caution: on the use-case envelope `message_id` may not be MultiMail's email id; re-fetch anyway.
      emailId: str(d.email_id) ?? str(d.message_id) ?? str(p.email_id) ?? str(p.message_id),
      mailboxId: str(d.mailbox_id) ?? mailboxRef(d.mailbox) ?? str(p.mailbox_id) ?? mailboxRef(p.mailbox),
      threadId: str(d.thread_id) ?? str(p.thread_id),
      status: str(d.status) ?? str(p.status),
      timestamp: toIsoTimestamp(str(p.timestamp) ?? str(d.timestamp) ?? str(p.created_at) ?? str(d.created_at)),
      metadata: parseMetadata(d.metadata) ?? parseMetadata(p.metadata),
      bounceType: str(d.bounce_type) ?? str(p.bounce_type),
      raw: json,
    },
  };
}

/**
 * With no delivery id or signed timestamp (§4, §6.7), (event, email id, status) identifies a delivery
 * well enough to make handlers idempotent.
 */
export function webhookDedupeKey(event: Pick<WebhookEvent, "type" | "emailId" | "status">): string {
  return [event.type, event.emailId ?? "-", event.status ?? "-"].join("|");
}
