// Why: MultiMail's sources disagree on field names and wire types; this is the one place that turns
// every alias and quirk into our typed, camelCase shapes (multimail-api.md §1, §3, §6.2, §6.12, §6.13).
import { z } from "zod";
import { storableJson, storableText } from "@/lib/text/storable";

// ---------------------------------------------------------------------------------------------
// Statuses (§3 "Status strings"). Unknown strings are kept as-is, never rejected (§6.13).
export const EMAIL_STATUSES = [
  "unread",
  "read",
  "archived",
  "deleted",
  "pending_scan",
  "pending_send_approval",
  "pending_inbound_approval",
  "scheduled",
  "rejected",
  "cancelled",
  "send_failed",
  "spam_flagged",
  "spam_quarantined",
] as const;
export type KnownEmailStatus = (typeof EMAIL_STATUSES)[number];
/** A documented status, or any other string the API returned (e.g. legacy `pending_approval`). */
export type EmailStatus = KnownEmailStatus | (string & {});

export const PENDING_STATUSES = ["pending_send_approval", "pending_inbound_approval", "pending_scan"] as const;
export type PendingStatus = (typeof PENDING_STATUSES)[number];
/** Statuses only a reviewer decision produces (decide results, §2.4, plus the email's `rejected`). */
export const DECIDED_STATUSES = ["approved", "approved_and_sent", "rejected"] as const;
export type DecidedStatus = (typeof DECIDED_STATUSES)[number];

export function isPendingStatus(status: string | null | undefined): status is PendingStatus {
  return (PENDING_STATUSES as readonly string[]).includes(status ?? "");
}
export function isDecidedStatus(status: string | null | undefined): status is DecidedStatus {
  return (DECIDED_STATUSES as readonly string[]).includes(status ?? "");
}

export const OVERSIGHT_MODES = ["read_only", "gated_all", "gated_send", "monitored", "autonomous"] as const;
export type OversightMode = (typeof OVERSIGHT_MODES)[number] | (string & {});
export type EmailDirection = "inbound" | "outbound" | (string & {});

// ---------------------------------------------------------------------------------------------
// Wire-value normalisers, exported for webhook-payload.ts and session-link.ts.
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** ISO string, SQLite-style UTC string, epoch ms (or s) number or numeric string → ISO string (§1, §6.12). */
export function toIsoTimestamp(value: unknown): string | null {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else if (typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim())) ms = Number(value.trim());
  else if (typeof value === "string" && value.trim() !== "") {
    const s = value.trim();
    // A zone-less date-time would be read as local time by Date.parse; MultiMail times are UTC.
    const zoneless = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s);
    ms = Date.parse(zoneless ? `${s.replace(" ", "T")}Z` : s);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  } else return null;
  if (!Number.isFinite(ms) || ms <= 0) return null;
  if (ms < 1e11) ms *= 1000; // epoch seconds: no real epoch-ms value is this small (it would be 1973)
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** true/false, 0/1 ints (§1 "Mailbox booleans are sometimes ints") and their string forms. */
export function toBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isNaN(value) ? null : value !== 0;
  if (typeof value !== "string") return null;
  const s = value.trim().toLowerCase();
  if (s === "true" || s === "1" || s === "yes") return true;
  if (s === "false" || s === "0" || s === "no") return false;
  return null;
}

/** A JSON object, or a string holding one; anything else is null. Strings in it are made storable. */
export function parseMetadata(value: unknown): Record<string, unknown> | null {
  if (isPlainObject(value)) return storableJson(value);
  if (typeof value !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return isPlainObject(parsed) ? storableJson(parsed) : null;
  } catch {
    return null;
  }
}

/** Every text field of the API passes here: U+0000 and lone surrogates cannot be stored (lib/text). */
function toText(value: unknown): string | null {
  if (typeof value === "string") return storableText(value);
  return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
}

function toNumber(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

/** `to` may be an array, a JSON-array string or a comma-separated string (LC `to_addresses`, §3). */
function toAddressList(value: unknown): string[] | null {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const text = isPlainObject(item) ? toText(item.email ?? item.address) : toText(item);
      return text && text.trim() ? [text.trim()] : [];
    });
  }
  if (typeof value !== "string") return null;
  const s = value.trim();
  if (s.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return toAddressList(parsed);
    } catch {
      // not JSON: fall through and treat it as a plain address string
    }
  }
  // Only split when no quoted display name could itself contain a comma.
  const parts = s.includes('"') ? [s] : s.split(",");
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** Tags are `{string: string}` (§2.3); scalar values are stringified, anything else dropped. */
function toTags(value: unknown): Record<string, string> {
  const source = parseMetadata(value) ?? {};
  const tags: Record<string, string> = {};
  for (const [key, raw] of Object.entries(source)) {
    const text = typeof raw === "boolean" ? String(raw) : toText(raw);
    if (text !== null) tags[key] = text;
  }
  return tags;
}

/** A field that never fails: a missing or mistyped value becomes whatever `fn` makes of it. */
function lenient<T>(fn: (value: unknown) => T) {
  return z.unknown().optional().transform(fn);
}

const text = lenient(toText);
const timestamp = lenient(toIsoTimestamp);
const flag = lenient(toBoolean);
const num = lenient(toNumber);
const addresses = lenient(toAddressList);
const status = lenient((v): EmailStatus | null => toText(v) || null);
/** Ids are opaque strings (§1); a numeric id is tolerated, a missing one fails the parse. */
export const idSchema = z.union([z.string().trim().min(1).transform(storableText), z.number().int().transform(String)]);

// ---------------------------------------------------------------------------------------------
// Emails (§3). One wire schema carries every alias; the transforms pick and rename.
const attachmentSchema = z
  .object({ name: text, filename: text, size: num, size_bytes: num, content_type: text })
  .transform((a) => ({ name: a.name ?? a.filename ?? "", size: a.size ?? a.size_bytes, contentType: a.content_type }));
export type EmailAttachment = z.infer<typeof attachmentSchema>;

const attachments = lenient((value): EmailAttachment[] =>
  (Array.isArray(value) ? value : []).flatMap((item) => {
    const parsed = attachmentSchema.safeParse(item);
    return parsed.success && parsed.data.name !== "" ? [parsed.data] : [];
  }),
);

const wireEmailSchema = z.object({
  id: idSchema,
  mailbox_id: text,
  thread_id: text,
  direction: text,
  status,
  subject: text,
  from: text,
  from_address: text,
  to: addresses,
  to_addresses: addresses,
  cc: addresses,
  bcc: addresses,
  received_at: timestamp,
  created_at: timestamp,
  delivered_at: timestamp,
  bounced_at: timestamp,
  bounce_type: text,
  has_attachments: flag,
  spam_score: num,
  spam_verdict: text,
  body_markdown: text,
  markdown: text,
  body: text,
  text_body: text,
  attachments,
  approved_at: timestamp,
  approved_by: text,
  tags: lenient(toTags),
  metadata: lenient(parseMetadata),
});
type WireEmail = z.infer<typeof wireEmailSchema>;

/** When `direction` is absent, the pending statuses still say which way the mail goes. */
function directionOf(w: WireEmail): EmailDirection | null {
  if (w.direction) return w.direction;
  if (w.status === "pending_inbound_approval") return "inbound";
  return w.status === "pending_send_approval" || w.status === "pending_scan" ? "outbound" : null;
}

function toEmailSummary(w: WireEmail) {
  const direction = directionOf(w);
  return {
    id: w.id,
    mailboxId: w.mailbox_id,
    threadId: w.thread_id,
    direction,
    status: w.status ?? "unknown",
    from: w.from ?? w.from_address,
    to: w.to ?? w.to_addresses ?? [],
    subject: w.subject ?? "", // a missing Subject header and an empty one mean the same
    receivedAt: w.received_at ?? w.created_at,
    hasAttachments: w.has_attachments ?? w.attachments.length > 0,
    spamScore: w.spam_score,
    spamVerdict: w.spam_verdict,
    // There is no delivered/bounced status: delivery shows only in these fields (§3, §6.13).
    deliveredAt: w.delivered_at,
    bouncedAt: w.bounced_at,
    bounceType: w.bounce_type,
  };
}

/** Row of list emails / thread emails: never carries a body (§2.2). */
export const emailSummarySchema = wireEmailSchema.transform(toEmailSummary);
export type EmailSummary = z.infer<typeof emailSummarySchema>;

/** Get email (§3 EmailResponse) and pending-list items (which carry `body_markdown`, §6.2). */
export const multiMailEmailSchema = wireEmailSchema.transform((w) => ({
  ...toEmailSummary(w),
  cc: w.cc ?? [],
  bcc: w.bcc ?? [],
  markdown: w.body_markdown ?? w.markdown ?? w.body ?? w.text_body,
  attachments: w.attachments,
  approvedAt: w.approved_at,
  approvedBy: w.approved_by,
  tags: w.tags,
  // Not in any MultiMail source (§3); read when present, tags are the documented channel.
  metadata: w.metadata,
}));
export type MultiMailEmail = z.infer<typeof multiMailEmailSchema>;

export const pendingEmailSchema = multiMailEmailSchema;
export type PendingEmail = z.infer<typeof pendingEmailSchema>;

/** `emails` (SPEC) or `pending` (PY), else empty (§6.2). */
export const pendingListSchema = z
  .object({ emails: z.array(pendingEmailSchema).nullish(), pending: z.array(pendingEmailSchema).nullish() })
  .transform((b): PendingEmail[] => b.emails ?? b.pending ?? []);

/** An empty-string cursor means "no more pages", like null (§1 Pagination, §6.8). */
export const emailListSchema = z.object({ emails: z.array(emailSummarySchema), cursor: text }).transform((b) => ({ emails: b.emails, cursor: b.cursor || null }));
export type EmailList = z.infer<typeof emailListSchema>;

export const threadSchema = z
  .object({
    thread_id: text,
    message_count: num,
    participants: addresses,
    last_activity: timestamp,
    has_unanswered_inbound: flag,
    emails: z.array(emailSummarySchema).nullish(),
  })
  .transform((t) => ({
    threadId: t.thread_id,
    messageCount: t.message_count ?? t.emails?.length ?? 0,
    participants: t.participants ?? [],
    lastActivity: t.last_activity,
    hasUnansweredInbound: t.has_unanswered_inbound ?? false,
    emails: t.emails ?? [],
  }));
export type Thread = z.infer<typeof threadSchema>;

// ---------------------------------------------------------------------------------------------
// Mailboxes (§2.1): created_at is epoch ms, flags may be 0/1.
export const mailboxSchema = z
  .object({
    id: idSchema,
    address: z.string().min(1),
    tenant_id: text,
    display_name: text,
    oversight_mode: text,
    auto_cc: text,
    auto_bcc: text,
    forward_inbound: flag,
    webhook_url: text,
    oversight_webhook_url: text,
    signature_block: text,
    created_at: timestamp,
    is_active: flag,
    mcp_configured: flag,
    default_gate_timing: text,
    scheduling_enabled: flag,
    ai_disclosure: flag,
  })
  .transform((m) => {
    const oversightMode: OversightMode | null = m.oversight_mode;
    return {
      id: m.id,
      address: m.address,
      tenantId: m.tenant_id,
      displayName: m.display_name,
      oversightMode,
      autoCc: m.auto_cc,
      autoBcc: m.auto_bcc,
      forwardInbound: m.forward_inbound ?? false,
      webhookUrl: m.webhook_url,
      oversightWebhookUrl: m.oversight_webhook_url,
      signatureBlock: m.signature_block,
      createdAt: m.created_at,
      isActive: m.is_active ?? true,
      mcpConfigured: m.mcp_configured ?? false,
      defaultGateTiming: m.default_gate_timing ?? "gate_first",
      schedulingEnabled: m.scheduling_enabled ?? false,
      aiDisclosure: m.ai_disclosure ?? false,
    };
  });
export type Mailbox = z.infer<typeof mailboxSchema>;
export const mailboxListSchema = z.object({ mailboxes: z.array(mailboxSchema) }).transform((b) => b.mailboxes);

// ---------------------------------------------------------------------------------------------
// Action results.
/** Decide: HTTP 200 is the success signal; `status` is read but optional (§6.4). */
export const decideResultSchema = z.object({ status, postmark_message_id: text }).transform((d) => ({ status: d.status, postmarkMessageId: d.postmark_message_id }));
export type DecideResult = z.infer<typeof decideResultSchema>;

/** Send/reply: 202 `pending_scan`, or 200 `{status:"already_sent", idempotent:true}` on replay (§1, §2.2). */
export const sendResultSchema = z.object({ id: idSchema, status, thread_id: text, idempotent: flag, message: text }).transform((s) => ({
  id: s.id,
  status: s.status ?? "unknown",
  threadId: s.thread_id,
  idempotent: s.idempotent ?? s.status === "already_sent",
  message: s.message,
}));
export type SendResult = z.infer<typeof sendResultSchema>;

export const cancelResultSchema = z.object({ id: text, status }).transform((c) => ({ id: c.id, status: c.status ?? "cancelled" }));
export type CancelResult = z.infer<typeof cancelResultSchema>;

export const tagsResponseSchema = z.object({ tags: lenient(toTags) }).transform((b) => b.tags);
export type EmailTags = z.infer<typeof tagsResponseSchema>;
export const deleteTagResultSchema = z.object({ deleted: flag }).transform((b) => ({ deleted: b.deleted ?? true }));
export type DeleteTagResult = z.infer<typeof deleteTagResultSchema>;

export const attachmentUrlSchema = z.object({ url: z.string().min(1), filename: text, size_bytes: num, content_type: text, expires_in: num }).transform((a) => ({
  url: a.url,
  filename: a.filename,
  sizeBytes: a.size_bytes,
  contentType: a.content_type,
  expiresIn: a.expires_in,
}));
export type AttachmentUrl = z.infer<typeof attachmentUrlSchema>;

/** `/health` answers `{status: ok|degraded}`, with 503 when degraded (§2.7). */
export const healthSchema = z.object({ status: text }).transform((h) => ({
  status: h.status ?? "unknown",
  ok: h.status === "ok",
}));
export type Health = z.infer<typeof healthSchema>;

// ---------------------------------------------------------------------------------------------
// Webhook subscriptions (§2.6): the list key is `subscriptions` (SPEC) or `webhooks` (PY), §6.3.
export const webhookSubscriptionSchema = z
  .object({ id: idSchema, url: text, events: addresses, mailbox_id: text, created_at: timestamp, status: text })
  .transform((w) => ({
    id: w.id,
    url: w.url,
    events: w.events ?? [],
    mailboxId: w.mailbox_id,
    createdAt: w.created_at,
    status: w.status,
  }));
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;
export const webhookListSchema = z
  .object({
    subscriptions: z.array(webhookSubscriptionSchema).nullish(),
    webhooks: z.array(webhookSubscriptionSchema).nullish(),
  })
  .transform((b, ctx): WebhookSubscription[] => {
    const list = b.subscriptions ?? b.webhooks;
    if (list) return list;
    ctx.issues.push({ code: "custom", message: "expected a subscriptions or webhooks array", input: b });
    return z.NEVER;
  });

// ---------------------------------------------------------------------------------------------
// Admin calls behind the operator approval code (§2.4 "Approval-code flows", §2.6, §2.1, §6.16).
/** The 201 of `POST /v1/webhooks` with the code: the only time the signing secret is shown. */
export const createdWebhookSchema = z
  .object({ id: idSchema, url: text, events: addresses, mailbox_id: text, signing_secret: z.string().min(1), created_at: timestamp })
  .transform((w) => ({ id: w.id, url: w.url, events: w.events ?? [], mailboxId: w.mailbox_id, signingSecret: w.signing_secret, createdAt: w.created_at }));
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

/** The 201 of `POST /v1/mailboxes` with the code: `{id, address}`. */
export const createdMailboxSchema = z.object({ id: idSchema, address: z.string().min(1) });
export type CreatedMailbox = z.infer<typeof createdMailboxSchema>;

/** A 202 "code emailed to the operator": its body is undocumented beyond "pending_approval" (§6.16). */
export const approvalPendingSchema = z.object({ status: text, message: text }).transform((b) => ({ status: b.status, message: b.message }));

/** `{status: "updated" | "deleted" | "upgrade_requested" | "upgraded" | …}`; only the HTTP status is relied on. */
export const statusResultSchema = z.object({ status: text }).transform((b) => ({ status: b.status }));
export type StatusResult = z.infer<typeof statusResultSchema>;

/** `GET /v1/api-keys` (§2.7): `prefix` and `scopes` per key; `is_active` may be 0/1. */
export const apiKeySchema = z
  .object({ id: idSchema, name: text, prefix: text, scopes: addresses, created_at: timestamp, last_used_at: timestamp, is_active: flag })
  .transform((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes ?? [],
    createdAt: k.created_at,
    lastUsedAt: k.last_used_at,
    isActive: k.is_active ?? true,
  }));
export type ApiKeyInfo = z.infer<typeof apiKeySchema>;
export const apiKeyListSchema = z.object({ api_keys: z.array(apiKeySchema) }).transform((b) => b.api_keys);

/** A mailbox change (`PATCH /v1/mailboxes/{id}`): only the fields given are sent; null clears. */
export const mailboxUpdateSchema = z.object({
  displayName: z.string().trim().max(100).nullable().optional(),
  signatureBlock: z.string().max(200, "The signature block is at most 200 characters.").nullable().optional(),
  /** Downgrade only (§2.1); upgrades go through requestUpgrade and applyUpgrade. */
  oversightMode: z.enum(OVERSIGHT_MODES).optional(),
});
export type MailboxUpdate = z.input<typeof mailboxUpdateSchema>;

// ---------------------------------------------------------------------------------------------
// Request inputs (camelCase on our side, mapped to the wire names in client.ts). Limits: §2.2.
const recipients = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s !== ""));
const markdownBody = z.string().refine((s) => new TextEncoder().encode(s).length <= 256 * 1024, "markdown is over 256 KiB");
const sendAttachmentSchema = z.object({
  name: z.string().min(1),
  contentBase64: z.string().min(1),
  contentType: z.string().min(1),
});
const commonSendFields = {
  cc: recipients.optional(),
  bcc: recipients.optional(),
  markdown: markdownBody,
  idempotencyKey: z.string().trim().min(1).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(sendAttachmentSchema).optional(),
};

export const sendInputSchema = z.object({
  ...commonSendFields,
  to: recipients.pipe(z.array(z.string()).min(1, "at least one recipient").max(50, "at most 50 recipients")),
  subject: z.string().max(998),
  // MultiMail wants ISO-8601 UTC ending in `Z` (§2.2); toISOString always does.
  sendAt: z
    .union([z.date(), z.string()])
    .transform((v, ctx) => {
      const iso = toIsoTimestamp(v);
      if (iso) return iso;
      ctx.issues.push({ code: "custom", message: "sendAt is not a valid date", input: v });
      return z.NEVER;
    })
    .optional(),
});
export type SendInput = z.input<typeof sendInputSchema>;

export const replyInputSchema = z.object(commonSendFields);
export type ReplyInput = z.input<typeof replyInputSchema>;

export const decideInputSchema = z.object({
  emailId: z.string().trim().min(1),
  action: z.enum(["approve", "reject"]),
  // Sent only when non-empty (§6.4): MCP and PY send it, SPEC omits it.
  reason: z
    .string()
    .optional()
    .transform((r) => r?.trim() || undefined),
});
export type DecideInput = z.input<typeof decideInputSchema>;

const dateFilter = z.union([z.date(), z.string().min(1)]).transform((v, ctx) => {
  const iso = toIsoTimestamp(v);
  if (iso) return iso;
  ctx.issues.push({ code: "custom", message: "not a valid date", input: v });
  return z.NEVER;
});
export const listEmailsQuerySchema = z.object({
  // `pending_scan` is returned but not filterable: the API's filter enum rejects it (§3, §6.13).
  status: z
    .string()
    .min(1)
    .refine((s) => s !== "pending_scan", "pending_scan cannot be used as a filter")
    .optional(),
  sender: z.string().min(1).optional(),
  subjectContains: z.string().min(1).optional(),
  dateAfter: dateFilter.optional(),
  dateBefore: dateFilter.optional(),
  direction: z.enum(["inbound", "outbound"]).optional(),
  hasAttachments: z.boolean().optional(),
  sinceId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().nullish(),
});
export type ListEmailsQuery = z.input<typeof listEmailsQuerySchema>;
