// In-memory state of one emulator instance: keys, mailboxes, emails, subscriptions, logs and codes.
import { createHash } from "node:crypto";
import { ApiError, nowIso } from "./http";
import { approvalCode, rawApiKey, ulid } from "./ids";
import {
  SCOPES,
  type ApiKey,
  type ApprovalCode,
  type AuditEntry,
  type DecideCall,
  type Delivery,
  type Mailbox,
  type OversightMode,
  type RequestLogEntry,
  type Scope,
  type StoredEmail,
  type Subscription,
} from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;
const REQUEST_LOG_SIZE = 500;
/** multimail-api.md §1: `idempotency_key` lives 24 h; the reply de-duplication window is 60 s. */
const IDEMPOTENCY_TTL_MS = DAY_MS;
const REPLY_DEDUPE_MS = 60_000;
/** Upgrade codes last 24 h (§2.1); the reference gives no TTL for other approval codes, so the same. */
const APPROVAL_CODE_TTL_MS = DAY_MS;

/** Separation of duties since MCP 0.5.6: send + oversight on one key is refused (multimail-api.md §1). */
export function scopeProblem(scopes: readonly string[]): string | null {
  if (scopes.length === 0) return "scopes must not be empty";
  const unknown = scopes.find((s) => !SCOPES.includes(s as Scope));
  if (unknown) return `Unknown scope: ${unknown}`;
  if (scopes.includes("send") && scopes.includes("oversight")) {
    return "API keys cannot combine the send and oversight scopes (separation of duties)";
  }
  return null;
}

export class EmulatorStore {
  readonly tenantId = ulid();
  readonly keys = new Map<string, ApiKey>();
  readonly mailboxes = new Map<string, Mailbox>();
  readonly emails = new Map<string, StoredEmail>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly deliveries = new Map<string, Delivery>();
  readonly audit: AuditEntry[] = [];
  readonly approvalCodes: ApprovalCode[] = [];
  readonly requests: RequestLogEntry[] = [];
  /** Every decide call since the last reset, uncapped, so exactly-once can be counted at any volume. */
  readonly decideCalls: DecideCall[] = [];
  readonly files = new Map<string, { email_id: string; filename: string; expires_at: number }>();
  private readonly idempotency = new Map<string, { id: string; at: number }>();
  private readonly recentReplies = new Map<string, number>();

  addKey(input: { key?: string; scopes: Scope[]; name?: string }): ApiKey {
    const problem = scopeProblem(input.scopes);
    if (problem) throw new ApiError(400, problem);
    const key: ApiKey = {
      id: ulid(),
      key: input.key ?? rawApiKey(),
      name: input.name ?? `key-${this.keys.size + 1}`,
      scopes: [...new Set(input.scopes)],
      created_at: nowIso(),
      last_used_at: null,
      is_active: true,
    };
    if (this.keys.has(key.key)) throw new ApiError(409, "API key already exists");
    this.keys.set(key.key, key);
    return key;
  }

  keyById(id: string): ApiKey | undefined {
    return [...this.keys.values()].find((k) => k.id === id);
  }

  addMailbox(input: { id?: string; address: string; display_name?: string; oversight_mode?: OversightMode }): Mailbox {
    const address = input.address.toLowerCase();
    if ([...this.mailboxes.values()].some((m) => m.address === address)) {
      throw new ApiError(409, `Address already taken: ${address}`);
    }
    const mailbox: Mailbox = {
      id: input.id ?? ulid(),
      address,
      display_name: input.display_name ?? null,
      // §2.1: new mailboxes always start at gated_send; the option exists for test set-ups.
      oversight_mode: input.oversight_mode ?? "gated_send",
      auto_cc: null,
      auto_bcc: null,
      forward_inbound: false,
      signature_block: null,
      default_gate_timing: "gate_first",
      scheduling_enabled: true,
      ai_disclosure: true,
      mcp_configured: false,
      created_at: Date.now(),
      is_active: true,
    };
    this.mailboxes.set(mailbox.id, mailbox);
    return mailbox;
  }

  mailbox(id: string): Mailbox {
    const mailbox = this.mailboxes.get(id);
    if (!mailbox || !mailbox.is_active) throw new ApiError(404, "Mailbox not found");
    return mailbox;
  }

  mailboxByIdOrAddress(value: string): Mailbox {
    const lower = value.toLowerCase();
    const found = this.mailboxes.get(value) ?? [...this.mailboxes.values()].find((m) => m.address === lower);
    if (!found) throw new ApiError(404, "Mailbox not found");
    return found;
  }

  email(id: string): StoredEmail {
    const email = this.emails.get(id);
    if (!email) throw new ApiError(404, "Email not found");
    return email;
  }

  /** Emails are only reachable through their own mailbox in `/v1/mailboxes/{mb}/emails/{em}`. */
  emailIn(mailboxId: string, emailId: string): StoredEmail {
    this.mailbox(mailboxId);
    const email = this.emails.get(emailId);
    if (!email || email.mailbox_id !== mailboxId) throw new ApiError(404, "Email not found");
    return email;
  }

  emailByApprovalToken(token: string): StoredEmail | undefined {
    return [...this.emails.values()].find((e) => e.approval_token === token);
  }

  threadEmails(mailboxId: string, threadId: string): StoredEmail[] {
    return [...this.emails.values()].filter((e) => e.mailbox_id === mailboxId && e.thread_id === threadId).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  addAudit(action: string, resourceType: string, resourceId: string, actor: ApiKey | null, metadata?: Record<string, unknown>): void {
    this.audit.push({
      id: ulid(),
      action,
      resource_type: resourceType,
      resource_id: resourceId,
      actor_key_id: actor?.id ?? null,
      metadata: metadata ?? null,
      created_at: nowIso(),
    });
  }

  issueApprovalCode(action: string, resource: string | null): ApprovalCode {
    const now = Date.now();
    const entry: ApprovalCode = {
      code: approvalCode(),
      action,
      resource,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + APPROVAL_CODE_TTL_MS).toISOString(),
      used: false,
    };
    this.approvalCodes.push(entry);
    return entry;
  }

  /** Codes are single-use and bound to the action they were issued for. */
  consumeApprovalCode(code: string, action: string): boolean {
    const entry = this.approvalCodes.find((c) => c.code === code.trim().toUpperCase() && c.action === action && !c.used && Date.parse(c.expires_at) > Date.now());
    if (!entry) return false;
    entry.used = true;
    return true;
  }

  idempotentReplay(key: string | undefined): string | null {
    if (!key) return null;
    const hit = this.idempotency.get(key);
    if (!hit || Date.now() - hit.at > IDEMPOTENCY_TTL_MS) return null;
    return hit.id;
  }

  rememberIdempotency(key: string | undefined, id: string): void {
    if (key) this.idempotency.set(key, { id, at: Date.now() });
  }

  /** True when the same content was replied to the same email within 60 s (multimail-api.md §2.2). */
  isDuplicateReply(originalId: string, markdown: string): boolean {
    const at = this.recentReplies.get(replyKey(originalId, markdown));
    return at !== undefined && Date.now() - at < REPLY_DEDUPE_MS;
  }

  rememberReply(originalId: string, markdown: string): void {
    this.recentReplies.set(replyKey(originalId, markdown), Date.now());
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > REQUEST_LOG_SIZE) this.requests.splice(0, this.requests.length - REQUEST_LOG_SIZE);
  }

  /** Clears traffic and mail; keys, mailboxes and subscriptions survive (control API `reset`). */
  reset(): void {
    this.emails.clear();
    this.deliveries.clear();
    this.audit.length = 0;
    this.approvalCodes.length = 0;
    this.requests.length = 0;
    this.decideCalls.length = 0;
    this.files.clear();
    this.idempotency.clear();
    this.recentReplies.clear();
  }
}

function replyKey(originalId: string, markdown: string): string {
  return `${originalId}:${createHash("sha256").update(markdown).digest("hex")}`;
}

/** A stored email with every optional field empty; the lifecycle fills in the rest. */
export function blankEmail(mailboxId: string, threadId: string, direction: "inbound" | "outbound"): StoredEmail {
  return {
    id: ulid(),
    mailbox_id: mailboxId,
    thread_id: threadId,
    direction,
    from: "",
    from_name: null,
    to: [],
    cc: [],
    bcc: [],
    subject: "",
    markdown: "",
    attachments: [],
    status: "pending_scan",
    received_at: nowIso(),
    spam_score: null,
    spam_verdict: null,
    user_label: null,
    delivered_at: null,
    bounced_at: null,
    bounce_type: null,
    complained_at: null,
    approved_at: null,
    approved_by: null,
    decided_at: null,
    decided_by: null,
    decision_reason: null,
    tags: {},
    metadata: null,
    idempotency_key: null,
    approval_token: null,
    send_at: null,
    gate_timing: null,
    in_reply_to: null,
    postmark_message_id: null,
  };
}
