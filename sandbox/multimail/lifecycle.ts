// The email state machine: scan, hold, decide, schedule, send, deliver, bounce (multimail-api.md §3).
import { ApiError, nowIso } from "./http";
import { providerMessageId, randomToken, ulid } from "./ids";
import { blankEmail, type EmulatorStore } from "./store";
import type { EmulatorMode, GateTiming, Mailbox, StoredAttachment, StoredEmail } from "./types";
import type { WebhookDispatcher } from "./webhooks";

const MAX_TIMER_MS = 2_147_000_000;
const GATED = new Set(["gated_send", "gated_all", "read_only"]);
export const CANCELLABLE = new Set(["pending_scan", "pending_send_approval", "pending_inbound_approval", "scheduled"]);

/**
 * Decide's answer for an outbound email sent at once (§2.4, §3 step 3: inferred). Only the answer:
 * the status the email then holds is undocumented and comes from the mode (mode.ts).
 */
export const DECIDED_AND_SENT = "approved_and_sent";

export interface OutboundInput {
  mailbox: Mailbox;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  markdown: string;
  attachments: StoredAttachment[];
  metadata: Record<string, unknown> | null;
  idempotency_key: string | null;
  send_at: string | null;
  gate_timing: GateTiming | null;
  thread_id: string | null;
  in_reply_to: string | null;
}

export interface InboundInput {
  mailbox: Mailbox;
  from: string;
  from_name: string | null;
  to: string[];
  cc: string[];
  subject: string;
  markdown: string;
  attachments: StoredAttachment[];
  thread_id: string | null;
  in_reply_to: string | null;
  spam_verdict: "clean" | "flagged" | "quarantined";
  metadata: Record<string, unknown> | null;
}

export class Lifecycle {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: EmulatorStore,
    private readonly webhooks: WebhookDispatcher,
    private readonly mode: EmulatorMode,
    private readonly options: { scanDelayMs: number; deliveryDelayMs: number; log: (line: string) => void },
  ) {}

  createOutbound(input: OutboundInput): StoredEmail {
    const { mailbox } = input;
    const email = blankEmail(mailbox.id, input.thread_id ?? ulid(), "outbound");
    Object.assign(email, {
      from: mailbox.address,
      from_name: mailbox.display_name,
      to: input.to,
      cc: withAuto(input.cc, mailbox.auto_cc),
      bcc: withAuto(input.bcc, mailbox.auto_bcc),
      subject: input.subject,
      markdown: input.markdown,
      attachments: input.attachments,
      metadata: input.metadata,
      idempotency_key: input.idempotency_key,
      send_at: input.send_at,
      gate_timing: input.gate_timing,
      in_reply_to: input.in_reply_to,
    });
    this.store.emails.set(email.id, email);
    this.startScan(email);
    return email;
  }

  /** Every send and reply starts in `pending_scan` (§3 "Outbound lifecycle" step 1). */
  startScan(email: StoredEmail): void {
    email.status = "pending_scan";
    this.later(email.id, "scan", this.options.scanDelayMs, (e) => this.afterScan(e));
  }

  receiveInbound(input: InboundInput): StoredEmail {
    const email = blankEmail(input.mailbox.id, input.thread_id ?? ulid(), "inbound");
    Object.assign(email, {
      from: input.from,
      from_name: input.from_name,
      to: input.to,
      cc: input.cc,
      subject: input.subject,
      markdown: input.markdown,
      attachments: input.attachments,
      in_reply_to: input.in_reply_to,
      metadata: input.metadata,
      spam_score: input.spam_verdict === "clean" ? 0 : input.spam_verdict === "flagged" ? 6 : 9,
      spam_verdict: input.spam_verdict,
    });
    this.store.emails.set(email.id, email);
    if (input.spam_verdict !== "clean") {
      email.status = input.spam_verdict === "flagged" ? "spam_flagged" : "spam_quarantined";
      this.webhooks.emit("message.received", email);
    } else if (input.mailbox.oversight_mode === "gated_all") {
      // §3 "Inbound lifecycle": gated_all holds inbound mail first. message.received is sent when
      // it is approved and becomes visible (the reference is silent on which event fires when).
      this.hold(email, "pending_inbound_approval");
    } else {
      email.status = "unread";
      this.webhooks.emit("message.received", email);
    }
    return email;
  }

  /** `POST /v1/oversight/decide` and the hosted approval link share this. */
  decide(email: StoredEmail, action: "approve" | "reject", actor: string, reason: string | null): { status: string; postmark_message_id?: string } {
    if (email.status !== "pending_send_approval" && email.status !== "pending_inbound_approval") {
      // §6.4 expects 409 or 400 for an email that is not pending; nothing documents which.
      throw new ApiError(409, `Email is not pending approval (status: ${email.status})`);
    }
    const at = nowIso();
    email.decided_at = at;
    email.decided_by = actor;
    email.decision_reason = reason;
    if (action === "reject") {
      email.status = "rejected";
      this.webhooks.emit("oversight.rejected", email);
      return { status: "rejected" };
    }
    email.approved_at = at;
    email.approved_by = actor;
    if (email.direction === "inbound") {
      email.status = "unread";
      this.webhooks.emit("oversight.approved", email);
      this.webhooks.emit("message.received", email);
      return { status: "approved" };
    }
    if (email.send_at && Date.parse(email.send_at) > Date.now()) {
      // gate_first: approved now, `scheduled` until send_at; decide reports plain `approved` (§2.4 inference).
      email.status = "scheduled";
      this.webhooks.emit("oversight.approved", email);
      this.armSchedule(email);
      return { status: "approved" };
    }
    email.postmark_message_id = providerMessageId();
    email.status = this.mode.statusAfterApproval;
    this.webhooks.emit("oversight.approved", email);
    this.markSent(email);
    return { status: DECIDED_AND_SENT, postmark_message_id: email.postmark_message_id };
  }

  /** Cancel is idempotent for cancelled emails and refused (409) once sent or decided (§2.2). */
  cancel(email: StoredEmail): void {
    if (email.status === "cancelled") return;
    if (!CANCELLABLE.has(email.status)) {
      throw new ApiError(409, `Email cannot be cancelled (status: ${email.status})`);
    }
    this.clear(email.id);
    email.status = "cancelled";
  }

  /** Re-arms the schedule after PATCH .../schedule; content edits go back through the scan. */
  reschedule(email: StoredEmail, rescan: boolean): void {
    this.clear(email.id);
    if (rescan) this.startScan(email);
    else this.armSchedule(email);
  }

  bounce(email: StoredEmail, bounceType: string): void {
    if (!email.postmark_message_id) throw new ApiError(409, `Email has not been sent (status: ${email.status})`);
    this.clear(email.id, "deliver");
    email.bounced_at = nowIso();
    email.bounce_type = bounceType;
    this.webhooks.emit("message.bounced", email);
  }

  complain(email: StoredEmail): void {
    if (!email.postmark_message_id) throw new ApiError(409, `Email has not been sent (status: ${email.status})`);
    email.complained_at = nowIso();
    this.webhooks.emit("message.complained", email);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private afterScan(email: StoredEmail): void {
    if (email.status !== "pending_scan") return;
    const mailbox = this.store.mailboxes.get(email.mailbox_id);
    const gated = mailbox ? GATED.has(mailbox.oversight_mode) : true;
    const timing = email.gate_timing ?? mailbox?.default_gate_timing ?? "gate_first";
    const future = email.send_at !== null && Date.parse(email.send_at) > Date.now();
    if (future && (!gated || timing === "schedule_first" || email.approved_at)) {
      email.status = "scheduled";
      this.armSchedule(email);
    } else if (gated && !email.approved_at) {
      this.hold(email, "pending_send_approval");
    } else {
      this.release(email);
    }
  }

  /** Held emails get an approval token for the hosted link `/v1/approve/{token}` (§2.4). */
  private hold(email: StoredEmail, status: "pending_send_approval" | "pending_inbound_approval"): void {
    email.status = status;
    email.approval_token ??= randomToken();
    this.options.log(`held ${email.id} (${status}); approval link token ${email.approval_token}`);
    this.webhooks.emit("oversight.pending", email);
  }

  private armSchedule(email: StoredEmail): void {
    const delay = email.send_at ? Math.max(0, Date.parse(email.send_at) - Date.now()) : 0;
    this.later(email.id, "schedule", delay, (e) => {
      if (e.status !== "scheduled") return;
      const mailbox = this.store.mailboxes.get(e.mailbox_id);
      const gated = mailbox ? GATED.has(mailbox.oversight_mode) : true;
      // schedule_first: approval is asked for when the alarm fires (§3 step 4).
      if (gated && !e.approved_at) this.hold(e, "pending_send_approval");
      else this.release(e);
    });
  }

  private release(email: StoredEmail): void {
    email.postmark_message_id = providerMessageId();
    email.status = email.approved_at ? this.mode.statusAfterApproval : this.mode.statusAfterSend;
    this.markSent(email);
  }

  /** No `delivered` status exists: delivery shows as `delivered_at` + message.delivered (§3, §6.13). */
  private markSent(email: StoredEmail): void {
    this.webhooks.emit("message.sent", email);
    this.later(email.id, "deliver", this.options.deliveryDelayMs, (e) => {
      if (e.bounced_at) return;
      e.delivered_at = nowIso();
      this.webhooks.emit("message.delivered", e);
    });
  }

  private later(emailId: string, kind: string, ms: number, fn: (email: StoredEmail) => void): void {
    const name = `${emailId}:${kind}`;
    const existing = this.timers.get(name);
    if (existing) clearTimeout(existing);
    const wait = Math.min(ms, MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(name);
      const email = this.store.emails.get(emailId);
      if (!email) return;
      if (ms > MAX_TIMER_MS) this.later(emailId, kind, ms - MAX_TIMER_MS, fn);
      else fn(email);
    }, wait);
    this.timers.set(name, timer);
  }

  private clear(emailId: string, kind?: string): void {
    for (const [name, timer] of this.timers) {
      if (name === `${emailId}:${kind}` || (!kind && name.startsWith(`${emailId}:`))) {
        clearTimeout(timer);
        this.timers.delete(name);
      }
    }
  }
}

function withAuto(list: string[], auto: string | null): string[] {
  return auto && !list.includes(auto) ? [...list, auto] : list;
}
