// The emulator's own control API under /__emulator (not MultiMail): faults, inbound mail, webhook drops, inspection.
import type { EmulatorContext } from "./context";
import { ApiError, parseWith, reply, route, nowIso, type RequestContext, type Route } from "./http";
import { signingSecret, ulid } from "./ids";
import { modePatchSchema, modeView, patchMode } from "./mode";
import { extractAddress, faultSchema, inboundSchema, subscribeSchema } from "./schemas";
import { z } from "zod";
import type { Mailbox, OversightMode, StoredEmail, Subscription } from "./types";
import { controlEmailView, subscriptionView } from "./views";

const dropSchema = z.object({ count: z.number().int().min(1).nullable().optional() });
const bounceSchema = z.object({ bounce_type: z.string().min(1).default("hard") });
const modeSchema = z.object({
  oversight_mode: z.enum(["gated_send", "gated_all", "monitored", "autonomous", "read_only"]),
});

function normalisedSubject(subject: string): string {
  return subject
    .replace(/^\s*((re|fwd?|aw)\s*:\s*)+/i, "")
    .trim()
    .toLowerCase();
}

/**
 * Inbound threading without headers: `in_reply_to` wins; otherwise the newest email in the mailbox
 * with the same subject (ignoring Re:/Fwd:) that involved the sender. §2.2 only says the thread is
 * "looked up for inbound mail".
 */
function findThread(emails: Iterable<StoredEmail>, mailbox: Mailbox, from: string, subject: string): string | null {
  const wanted = normalisedSubject(subject);
  const sender = from.toLowerCase();
  let best: StoredEmail | null = null;
  for (const email of emails) {
    if (email.mailbox_id !== mailbox.id || normalisedSubject(email.subject) !== wanted) continue;
    const people = [email.from, ...email.to, ...email.cc].map((a) => (extractAddress(a) ?? a).toLowerCase());
    if (people.includes(sender) && (!best || email.id > best.id)) best = email;
  }
  return best?.thread_id ?? null;
}

export function controlRoutes(app: EmulatorContext): Route[] {
  const { store, lifecycle, webhooks, faults } = app;
  const emailOf = (ctx: RequestContext) => store.email(ctx.params.id as string);

  const inbound = (ctx: RequestContext) => {
    const body = parseWith(inboundSchema, ctx.json());
    const mailbox = store.mailboxByIdOrAddress(extractAddress(body.to) ?? body.to);
    const from = extractAddress(body.from) ?? body.from;
    let threadId = body.thread_id ?? null;
    let subject = body.subject;
    if (body.in_reply_to) {
      const original = store.email(body.in_reply_to);
      if (original.mailbox_id !== mailbox.id) throw new ApiError(400, "in_reply_to belongs to another mailbox");
      threadId = original.thread_id;
      subject ??= /^re:/i.test(original.subject) ? original.subject : `Re: ${original.subject}`;
    }
    subject ??= "(no subject)";
    threadId ??= findThread(store.emails.values(), mailbox, from, subject);
    const email = lifecycle.receiveInbound({
      mailbox,
      from,
      from_name: body.from_name ?? null,
      to: [mailbox.address],
      cc: body.cc ?? [],
      subject,
      markdown: body.markdown,
      attachments: body.attachments ?? [],
      thread_id: threadId,
      in_reply_to: body.in_reply_to ?? null,
      spam_verdict: body.spam_verdict,
      metadata: body.metadata ?? null,
    });
    return reply(201, controlEmailView(email, ctx.baseUrl));
  };

  const subscribe = (ctx: RequestContext) => {
    const body = parseWith(subscribeSchema, ctx.json());
    if (body.mailbox_id) store.mailbox(body.mailbox_id);
    const sub: Subscription = {
      id: ulid(),
      url: body.url,
      events: body.events ?? [],
      mailbox_id: body.mailbox_id ?? null,
      signing_secret: body.secret ?? signingSecret(),
      created_at: nowIso(),
    };
    store.subscriptions.set(sub.id, sub);
    return reply(201, subscriptionView(sub, true));
  };

  const reset = () => {
    lifecycle.clearAll();
    webhooks.cancelAll();
    webhooks.stopDropping();
    faults.clear();
    store.reset();
    return reply(200, { status: "reset" });
  };

  const state = (ctx: RequestContext) =>
    reply(200, {
      url: ctx.baseUrl,
      options: modeView(app.mode),
      keys: [...store.keys.values()],
      mailboxes: [...store.mailboxes.values()],
      subscriptions: [...store.subscriptions.values()].map((s) => subscriptionView(s, true)),
      faults: faults.list(),
      webhook_drop: webhooks.dropState(),
    });

  /** Per email: how many decide calls arrived and how many changed the email (exactly-once checks). */
  const decideCalls = (ctx: RequestContext) => {
    const emailId = ctx.query.get("email_id");
    const calls = store.decideCalls.filter((c) => !emailId || c.email_id === emailId);
    const byEmail: Record<string, { calls: number; applied: number; faulted: number }> = {};
    for (const call of calls) {
      const row = (byEmail[call.email_id ?? ""] ??= { calls: 0, applied: 0, faulted: 0 });
      row.calls += 1;
      if (call.applied) row.applied += 1;
      if (call.faulted) row.faulted += 1;
    }
    return reply(200, { calls, by_email: byEmail });
  };

  const files = (ctx: RequestContext) => {
    const file = store.files.get(ctx.params.token as string);
    if (!file) throw new ApiError(404, "Not found");
    if (file.expires_at < Date.now()) throw new ApiError(403, "Request has expired");
    const attachment = store.emails.get(file.email_id)?.attachments.find((a) => a.name === file.filename);
    if (!attachment) throw new ApiError(404, "Not found");
    return { status: 200, raw: attachment.data, contentType: attachment.content_type };
  };

  return [
    route("GET", "/__emulator/state", null, state),
    route("GET", "/__emulator/options", null, () => reply(200, modeView(app.mode))),
    route("PATCH", "/__emulator/options", null, (ctx) => reply(200, modeView(patchMode(app.mode, parseWith(modePatchSchema, ctx.json()))))),
    route("GET", "/__emulator/decide-calls", null, decideCalls),
    route("POST", "/__emulator/faults", null, (ctx) => reply(201, { fault: faults.add(parseWith(faultSchema, ctx.json())) })),
    route("GET", "/__emulator/faults", null, () => reply(200, { faults: faults.list() })),
    route("DELETE", "/__emulator/faults", null, () => reply(200, { cleared: faults.clear() })),
    route("POST", "/__emulator/webhooks/drop", null, (ctx) => {
      const body = parseWith(dropSchema, ctx.json());
      webhooks.dropNext(body.count === undefined ? 1 : body.count);
      return reply(200, { drop: webhooks.dropState() });
    }),
    route("DELETE", "/__emulator/webhooks/drop", null, () => {
      webhooks.stopDropping();
      return reply(200, { drop: null });
    }),
    route("POST", "/__emulator/webhooks/subscribe", null, subscribe),
    route("GET", "/__emulator/webhooks/deliveries", null, () => reply(200, { deliveries: [...store.deliveries.values()] })),
    route("POST", "/__emulator/inbound", null, inbound),
    route("GET", "/__emulator/emails", null, (ctx) => {
      const mailboxId = ctx.query.get("mailbox_id");
      const emails = [...store.emails.values()].filter((e) => !mailboxId || e.mailbox_id === mailboxId);
      return reply(200, { emails: emails.map((e) => controlEmailView(e, ctx.baseUrl)) });
    }),
    route("GET", "/__emulator/emails/:id", null, (ctx) => reply(200, controlEmailView(emailOf(ctx), ctx.baseUrl))),
    route("POST", "/__emulator/emails/:id/bounce", null, (ctx) => {
      const email = emailOf(ctx);
      lifecycle.bounce(email, parseWith(bounceSchema, ctx.json()).bounce_type);
      return reply(200, controlEmailView(email, ctx.baseUrl));
    }),
    route("POST", "/__emulator/emails/:id/complain", null, (ctx) => {
      const email = emailOf(ctx);
      lifecycle.complain(email);
      return reply(200, controlEmailView(email, ctx.baseUrl));
    }),
    route("PATCH", "/__emulator/mailboxes/:id", null, (ctx) => {
      const mailbox = store.mailbox(ctx.params.id as string);
      mailbox.oversight_mode = parseWith(modeSchema, ctx.json()).oversight_mode as OversightMode;
      return reply(200, { id: mailbox.id, oversight_mode: mailbox.oversight_mode });
    }),
    route("GET", "/__emulator/approval-codes", null, () => reply(200, { codes: store.approvalCodes })),
    route("GET", "/__emulator/requests", null, () => reply(200, { requests: store.requests })),
    route("POST", "/__emulator/reset", null, reset),
    route("GET", "/__files/:token", null, files),
  ];
}
