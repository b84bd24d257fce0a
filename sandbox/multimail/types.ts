// Shared shapes of the MultiMail emulator: options, stored records and the protocol's fixed vocabularies.

export type Scope = "read" | "send" | "admin" | "oversight" | "oversight_read";
export const SCOPES: readonly Scope[] = ["read", "send", "admin", "oversight", "oversight_read"];

export type OversightMode = "gated_send" | "gated_all" | "monitored" | "autonomous" | "read_only";
/** Most restrictive first: PATCH may only move left (multimail-api.md §2.1 "downgrade only"). */
export const MODE_ORDER: readonly OversightMode[] = ["read_only", "gated_all", "gated_send", "monitored", "autonomous"];

export type GateTiming = "gate_first" | "schedule_first";

/** First-party event names (multimail-api.md §4, MCP `create_webhook`). */
export const WEBHOOK_EVENTS = [
  "message.received",
  "message.sent",
  "message.delivered",
  "message.bounced",
  "message.complained",
  "oversight.pending",
  "oversight.approved",
  "oversight.rejected",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The only values `GET .../emails?status=` accepts (multimail-api.md §3 SPEC filter enum). */
export const FILTERABLE_STATUSES = [
  "unread",
  "read",
  "archived",
  "deleted",
  "pending_send_approval",
  "pending_inbound_approval",
  "rejected",
  "cancelled",
  "send_failed",
  "scheduled",
  "spam_flagged",
  "spam_quarantined",
] as const;

export interface EmulatorOptions {
  port?: number;
  host?: string;
  scanDelayMs?: number;
  deliveryDelayMs?: number;
  keys?: { key: string; scopes: Scope[]; name?: string }[];
  mailboxes?: { id?: string; address: string; display_name?: string; oversight_mode?: OversightMode }[];
  webhooks?: { url: string; events?: string[]; mailbox_id?: string | null; secret?: string }[];
  pendingListKey?: "emails" | "pending";
  /**
   * Follow multimail-api.md to the letter where the emulator otherwise fills a gap (see README
   * "Strict mode"): pending items carry only the SPEC fields, and the status an email holds once
   * sent is not a made-up `approved_and_sent`/`sent`. Default false (the demo's behaviour).
   */
  strict?: boolean;
  /** Stored `status` of an approved outbound email once sent. Default `approved_and_sent`, strict `undocumented`. */
  statusAfterApproval?: string;
  /** Stored `status` of an ungated (monitored/autonomous) send once sent. Default `sent`, strict `undocumented`. */
  statusAfterSend?: string;
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  /** Request bodies above this get 413 (not in the brief's interface; default 1 MiB). */
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

/** The switchable part of the emulator's behaviour (options at start, `PATCH /__emulator/options` later). */
export interface EmulatorMode {
  strict: boolean;
  statusAfterApproval: string;
  statusAfterSend: string;
  pendingListKey: "emails" | "pending";
}

export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

export interface ApiKey {
  id: string;
  key: string;
  name: string;
  scopes: Scope[];
  created_at: string;
  last_used_at: string | null;
  is_active: boolean;
}

export interface Mailbox {
  id: string;
  address: string;
  display_name: string | null;
  oversight_mode: OversightMode;
  auto_cc: string | null;
  auto_bcc: string | null;
  forward_inbound: boolean;
  signature_block: string | null;
  default_gate_timing: GateTiming;
  scheduling_enabled: boolean;
  ai_disclosure: boolean;
  mcp_configured: boolean;
  created_at: number;
  is_active: boolean;
}

export interface StoredAttachment {
  name: string;
  content_type: string;
  data: Buffer;
}

export interface StoredEmail {
  id: string;
  mailbox_id: string;
  thread_id: string;
  direction: "inbound" | "outbound";
  from: string;
  from_name: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  markdown: string;
  attachments: StoredAttachment[];
  status: string;
  received_at: string;
  spam_score: number | null;
  spam_verdict: "clean" | "flagged" | "quarantined" | null;
  user_label: "spam" | "not_spam" | null;
  delivered_at: string | null;
  bounced_at: string | null;
  bounce_type: string | null;
  complained_at: string | null;
  approved_at: string | null;
  approved_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  tags: Record<string, string>;
  metadata: Record<string, unknown> | null;
  idempotency_key: string | null;
  approval_token: string | null;
  send_at: string | null;
  gate_timing: GateTiming | null;
  in_reply_to: string | null;
  postmark_message_id: string | null;
}

export interface Subscription {
  id: string;
  url: string;
  events: string[];
  mailbox_id: string | null;
  signing_secret: string;
  created_at: string;
}

export interface DeliveryAttempt {
  at: string;
  response_status: number | null;
  error: string | null;
}

export interface Delivery {
  id: string;
  subscription_id: string;
  event_type: string;
  email_id: string | null;
  url: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  response_status: number | null;
  created_at: string;
  last_attempt_at: string | null;
  dropped: boolean;
  body: string;
  signature: string;
  history: DeliveryAttempt[];
}

export interface AuditEntry {
  id: string;
  action: string;
  resource_type: string;
  resource_id: string;
  actor_key_id: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
}

export interface ApprovalCode {
  code: string;
  action: string;
  resource: string | null;
  created_at: string;
  expires_at: string;
  used: boolean;
}

/** One `POST /v1/oversight/decide` as it reached the emulator, kept apart from the capped request log. */
export interface DecideCall {
  at: string;
  email_id: string | null;
  action: string | null;
  /** The answer sent, injected faults included. */
  status: number;
  /** True when an injected fault answered (or delayed) it. */
  faulted: boolean;
  /** True when the decision changed the email (a 200 from the handler). */
  applied: boolean;
}

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  key_name: string | null;
  body: unknown;
  duration_ms: number;
}
