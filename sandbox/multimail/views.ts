// Wire shapes: how stored records leave the emulator, quirks included (multimail-api.md §1, §2, §3).
import type { Mailbox, StoredEmail, Subscription } from "./types";

/** Mailbox: `created_at` epoch ms and 0/1 ints for booleans, as the real API sends (§1, §6.12). */
export function mailboxView(mailbox: Mailbox, tenantId: string): Record<string, unknown> {
  return {
    id: mailbox.id,
    tenant_id: tenantId,
    address: mailbox.address,
    display_name: mailbox.display_name,
    oversight_mode: mailbox.oversight_mode,
    auto_cc: mailbox.auto_cc,
    auto_bcc: mailbox.auto_bcc,
    forward_inbound: mailbox.forward_inbound ? 1 : 0,
    webhook_url: null,
    oversight_webhook_url: null,
    signature_block: mailbox.signature_block,
    created_at: mailbox.created_at,
    is_active: mailbox.is_active ? 1 : 0,
    mcp_configured: mailbox.mcp_configured ? 1 : 0,
    default_gate_timing: mailbox.default_gate_timing,
    scheduling_enabled: mailbox.scheduling_enabled ? 1 : 0,
    ai_disclosure: mailbox.ai_disclosure ? 1 : 0,
  };
}

/** EmailSummary (§3): never a body. */
export function summaryView(email: StoredEmail): Record<string, unknown> {
  return {
    id: email.id,
    from: email.from,
    to: email.to,
    subject: email.subject,
    direction: email.direction,
    status: email.status,
    spam_score: email.spam_score,
    spam_verdict: email.spam_verdict,
    received_at: email.received_at,
    thread_id: email.thread_id,
    has_attachments: email.attachments.length > 0,
    delivered_at: email.delivered_at,
    bounced_at: email.bounced_at,
    bounce_type: email.bounce_type,
  };
}

/**
 * EmailResponse (§3): the summary plus cc, markdown, attachment descriptors, approval fields and
 * tags. `mailbox_id`, `metadata`, `send_at` and `in_reply_to` are extras the reference does not list.
 */
export function emailView(email: StoredEmail): Record<string, unknown> {
  return {
    ...summaryView(email),
    mailbox_id: email.mailbox_id,
    from_name: email.from_name,
    cc: email.cc,
    ...(email.direction === "outbound" ? { bcc: email.bcc } : {}),
    markdown: email.markdown,
    attachments: email.attachments.map((a) => ({ name: a.name, size: a.data.length, content_type: a.content_type })),
    approved_at: email.approved_at,
    approved_by: email.approved_by,
    tags: email.tags,
    metadata: email.metadata,
    send_at: email.send_at,
    in_reply_to: email.in_reply_to,
  };
}

/**
 * Pending-queue item: `body_markdown`, not `markdown` (§2.4, §6.2). Strict mode sends exactly the
 * SPEC fields; the default adds `thread_id` and `metadata`, which no source lists.
 */
export function pendingView(email: StoredEmail, strict = false): Record<string, unknown> {
  const spec = {
    id: email.id,
    mailbox_id: email.mailbox_id,
    direction: email.direction,
    from: email.from,
    to: email.to,
    subject: email.subject,
    body_markdown: email.markdown,
    status: email.status,
    received_at: email.received_at,
  };
  return strict ? spec : { ...spec, thread_id: email.thread_id, metadata: email.metadata };
}

/** Thread item (§2.2 "Get thread"): chronological, without bodies. */
export function threadItemView(email: StoredEmail): Record<string, unknown> {
  return {
    id: email.id,
    from: email.from,
    to: email.to,
    subject: email.subject,
    direction: email.direction,
    status: email.status,
    received_at: email.received_at,
    has_attachments: email.attachments.length > 0,
    delivered_at: email.delivered_at,
    bounced_at: email.bounced_at,
  };
}

/** Webhook `data`: metadata only, never the body (§4 `/patterns` shape). */
export function webhookDataView(email: StoredEmail, event: string): Record<string, unknown> {
  return {
    email_id: email.id,
    mailbox_id: email.mailbox_id,
    thread_id: email.thread_id,
    from: email.from,
    to: email.to,
    subject: email.subject,
    direction: email.direction,
    status: email.status,
    has_attachments: email.attachments.length > 0,
    metadata: email.metadata,
    ...(event === "message.bounced" ? { bounce_type: email.bounce_type } : {}),
  };
}

export function subscriptionView(sub: Subscription, withSecret: boolean): Record<string, unknown> {
  return {
    id: sub.id,
    url: sub.url,
    events: sub.events,
    mailbox_id: sub.mailbox_id,
    created_at: sub.created_at,
    ...(withSecret ? { signing_secret: sub.signing_secret } : {}),
  };
}

/** Control-API view: everything stored, no side effects, attachment bytes summarised. */
export function controlEmailView(email: StoredEmail, baseUrl: string): Record<string, unknown> {
  return {
    ...email,
    attachments: email.attachments.map((a) => ({ name: a.name, size: a.data.length, content_type: a.content_type })),
    approval_url: email.approval_token ? `${baseUrl}/v1/approve/${email.approval_token}` : null,
  };
}

export function participants(emails: StoredEmail[]): string[] {
  const seen = new Set<string>();
  for (const email of emails) {
    for (const address of [email.from, ...email.to, ...email.cc]) seen.add(address.toLowerCase());
  }
  return [...seen];
}

/** An inbound message with no later outbound reply still in play (rejected/cancelled don't count). */
export function hasUnansweredInbound(chronological: StoredEmail[]): boolean {
  let unanswered = false;
  for (const email of chronological) {
    if (email.direction === "inbound") unanswered = true;
    else if (!["rejected", "cancelled", "send_failed"].includes(email.status)) unanswered = false;
  }
  return unanswered;
}
