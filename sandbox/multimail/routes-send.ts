// Writes on outbound mail: send, reply, cancel and edit-scheduled (multimail-api.md §2.2).
import type { EmulatorContext } from "./context";
import { ApiError, parseWith, reply, route, type RequestContext, type Route } from "./http";
import { extractAddress, replySchema, scheduleEditSchema, sendSchema } from "./schemas";
import type { Mailbox, StoredEmail } from "./types";

function assertCanSend(mailbox: Mailbox): void {
  if (mailbox.oversight_mode === "read_only") {
    throw new ApiError(403, "Mailbox is in read_only mode; sending is disabled");
  }
}

/** §1 "Idempotency": a replay answers 200 `{id, status:"already_sent", idempotent:true}`. */
function replay(id: string) {
  return reply(200, { id, status: "already_sent", idempotent: true });
}

function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject : `Re: ${subject}`;
}

/** Inbound original → its sender; outbound original → its recipients (brief; §2.2 is silent). */
function replyRecipients(original: StoredEmail): string[] {
  if (original.direction === "inbound") return [extractAddress(original.from) ?? original.from];
  return original.to;
}

export function sendRoutes(app: EmulatorContext): Route[] {
  const { store, lifecycle } = app;

  const send = (ctx: RequestContext) => {
    const mailbox = store.mailbox(ctx.params.mb as string);
    assertCanSend(mailbox);
    const body = parseWith(sendSchema, ctx.json());
    const previous = store.idempotentReplay(body.idempotency_key ?? undefined);
    if (previous) return replay(previous);
    const email = lifecycle.createOutbound({
      mailbox,
      to: body.to,
      cc: body.cc ?? [],
      bcc: body.bcc ?? [],
      subject: body.subject,
      markdown: body.markdown,
      attachments: body.attachments ?? [],
      metadata: body.metadata ?? null,
      idempotency_key: body.idempotency_key ?? null,
      send_at: body.send_at ?? null,
      gate_timing: body.gate_timing ?? null,
      thread_id: null,
      in_reply_to: null,
    });
    store.rememberIdempotency(body.idempotency_key ?? undefined, email.id);
    store.addAudit("email.send", "email", email.id, ctx.key, { mailbox_id: mailbox.id, to: email.to });
    return reply(202, { id: email.id, status: email.status, thread_id: email.thread_id });
  };

  const replyTo = (ctx: RequestContext) => {
    const original = store.emailIn(ctx.params.mb as string, ctx.params.em as string);
    const mailbox = store.mailbox(original.mailbox_id);
    assertCanSend(mailbox);
    const body = parseWith(replySchema, ctx.json());
    const previous = store.idempotentReplay(body.idempotency_key ?? undefined);
    if (previous) return replay(previous);
    if (store.isDuplicateReply(original.id, body.markdown)) {
      throw new ApiError(409, "Duplicate reply: identical content was sent to this email within the last 60 seconds");
    }
    const email = lifecycle.createOutbound({
      mailbox,
      to: replyRecipients(original),
      cc: body.cc ?? [],
      bcc: body.bcc ?? [],
      subject: replySubject(original.subject),
      markdown: body.markdown,
      attachments: body.attachments ?? [],
      metadata: body.metadata ?? null,
      idempotency_key: body.idempotency_key ?? null,
      send_at: null,
      gate_timing: null,
      thread_id: original.thread_id,
      in_reply_to: original.id,
    });
    store.rememberIdempotency(body.idempotency_key ?? undefined, email.id);
    store.rememberReply(original.id, body.markdown);
    store.addAudit("email.reply", "email", email.id, ctx.key, { mailbox_id: mailbox.id, in_reply_to: original.id });
    return reply(202, { id: email.id, status: email.status, thread_id: email.thread_id });
  };

  const cancel = (ctx: RequestContext) => {
    const email = store.emailIn(ctx.params.mb as string, ctx.params.em as string);
    const wasCancelled = email.status === "cancelled";
    lifecycle.cancel(email);
    if (!wasCancelled) store.addAudit("email.cancel", "email", email.id, ctx.key);
    return reply(200, { id: email.id, status: "cancelled" });
  };

  /** §2.2 "Edit a scheduled email": only while `scheduled`; content edits after approval → 409. */
  const editSchedule = (ctx: RequestContext) => {
    const email = store.emailIn(ctx.params.mb as string, ctx.params.em as string);
    const body = parseWith(scheduleEditSchema, ctx.json());
    if (email.status !== "scheduled") {
      throw new ApiError(409, `Only scheduled emails can be edited (status: ${email.status})`);
    }
    const contentChange = [body.to, body.cc, body.bcc, body.subject, body.markdown].some((v) => v !== undefined);
    if (contentChange && email.approved_at) {
      throw new ApiError(409, "Email was already approved; recipients and content can no longer change");
    }
    if (body.send_at) email.send_at = body.send_at;
    if (body.to) email.to = body.to;
    if (body.cc) email.cc = body.cc;
    if (body.bcc) email.bcc = body.bcc;
    if (body.subject) email.subject = body.subject;
    if (body.markdown) email.markdown = body.markdown;
    // "Content changes trigger a re-scan" (§2.2); a pure time change only re-arms the schedule.
    lifecycle.reschedule(email, contentChange);
    store.addAudit("email.schedule_edit", "email", email.id, ctx.key, { fields: Object.keys(body) });
    // The response shape is undocumented (MCP only).
    return reply(200, { id: email.id, status: email.status, send_at: email.send_at });
  };

  return [
    route("POST", "/v1/mailboxes/:mb/send", ["send"], send),
    route("POST", "/v1/mailboxes/:mb/reply/:em", ["send"], replyTo),
    route("POST", "/v1/mailboxes/:mb/emails/:em/cancel", ["send"], cancel),
    route("PATCH", "/v1/mailboxes/:mb/emails/:em/schedule", ["send"], editSchedule),
  ];
}
