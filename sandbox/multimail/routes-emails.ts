// Reading mail: list with filters, get (marks read), attachments, threads, tags, spam (multimail-api.md §2.2–2.3).
import type { EmulatorContext } from "./context";
import { ApiError, newestFirst, paginate, parseWith, reply, route, type RequestContext, type Route } from "./http";
import { randomToken } from "./ids";
import { tagsSchema } from "./schemas";
import { FILTERABLE_STATUSES, type StoredEmail } from "./types";
import { emailView, hasUnansweredInbound, participants, summaryView, threadItemView } from "./views";

const PRESIGNED_TTL_S = 3600;

function param(query: URLSearchParams, name: string): string | null {
  const value = query.get(name);
  return value === null || value === "" ? null : value;
}

function dateParam(query: URLSearchParams, name: string): number | null {
  const value = param(query, name);
  if (value === null) return null;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new ApiError(400, `${name} must be an ISO-8601 date`);
  return parsed;
}

/** `GET .../emails` filters (§2.2). `status` must be in the SPEC filter enum, so `pending_scan` is refused (§6.13). */
function emailFilter(query: URLSearchParams): (email: StoredEmail) => boolean {
  const status = param(query, "status");
  if (status !== null && !(FILTERABLE_STATUSES as readonly string[]).includes(status)) {
    throw new ApiError(400, `Invalid status filter: ${status}. Allowed: ${FILTERABLE_STATUSES.join(", ")}`);
  }
  const direction = param(query, "direction");
  if (direction !== null && direction !== "inbound" && direction !== "outbound") {
    throw new ApiError(400, 'direction must be "inbound" or "outbound"');
  }
  const hasAttachments = param(query, "has_attachments");
  if (hasAttachments !== null && hasAttachments !== "true" && hasAttachments !== "false") {
    throw new ApiError(400, 'has_attachments must be "true" or "false"');
  }
  const sender = param(query, "sender")?.toLowerCase() ?? null;
  const subject = param(query, "subject_contains")?.toLowerCase() ?? null;
  const after = dateParam(query, "date_after");
  const before = dateParam(query, "date_before");
  const sinceId = param(query, "since_id");
  return (email) => {
    const received = Date.parse(email.received_at);
    const senderText = `${email.from_name ?? ""} ${email.from}`.toLowerCase();
    return (
      (status === null || email.status === status) &&
      (direction === null || email.direction === direction) &&
      (hasAttachments === null || email.attachments.length > 0 === (hasAttachments === "true")) &&
      (sender === null || senderText.includes(sender)) &&
      (subject === null || email.subject.toLowerCase().includes(subject)) &&
      (after === null || received > after) &&
      (before === null || received < before) &&
      (sinceId === null || email.id > sinceId)
    );
  };
}

function attachmentOf(email: StoredEmail, filename: string) {
  const attachment = email.attachments.find((a) => a.name === filename);
  if (!attachment) throw new ApiError(404, "Attachment not found");
  return attachment;
}

export function emailRoutes(app: EmulatorContext): Route[] {
  const { store } = app;
  const emailOf = (ctx: RequestContext) => store.emailIn(ctx.params.mb as string, ctx.params.em as string);

  const list = (ctx: RequestContext) => {
    const mailbox = store.mailbox(ctx.params.mb as string);
    const keep = emailFilter(ctx.query);
    const matching = newestFirst([...store.emails.values()].filter((e) => e.mailbox_id === mailbox.id && keep(e)));
    const { page, cursor } = paginate(matching, ctx.query, 20);
    return reply(200, { emails: page.map(summaryView), cursor });
  };

  /** Side effect (§2.2 "Get email"): an `unread` email becomes `read`. */
  const get = (ctx: RequestContext) => {
    const email = emailOf(ctx);
    if (email.status === "unread") email.status = "read";
    return reply(200, emailView(email));
  };

  const rawAttachment = (ctx: RequestContext) => {
    const attachment = attachmentOf(emailOf(ctx), ctx.params.filename as string);
    return {
      status: 200,
      raw: attachment.data,
      contentType: attachment.content_type,
      headers: { "Content-Disposition": `attachment; filename="${attachment.name.replace(/"/g, "")}"` },
    };
  };

  /** Presigned URL, valid 1 h, no auth (§2.2 "Attachments"); served by the emulator at /__files/. */
  const attachmentUrl = (ctx: RequestContext) => {
    const email = emailOf(ctx);
    const attachment = attachmentOf(email, ctx.params.filename as string);
    const token = randomToken();
    store.files.set(token, { email_id: email.id, filename: attachment.name, expires_at: Date.now() + PRESIGNED_TTL_S * 1000 });
    return reply(200, {
      url: `${ctx.baseUrl}/__files/${token}`,
      filename: attachment.name,
      size_bytes: attachment.data.length,
      content_type: attachment.content_type,
      expires_in: PRESIGNED_TTL_S,
    });
  };

  const thread = (ctx: RequestContext) => {
    const mailbox = store.mailbox(ctx.params.mb as string);
    const emails = store.threadEmails(mailbox.id, ctx.params.thread as string);
    if (emails.length === 0) throw new ApiError(404, "Thread not found");
    return reply(200, {
      thread_id: ctx.params.thread,
      message_count: emails.length,
      participants: participants(emails),
      last_activity: emails
        .map((e) => e.received_at)
        .sort()
        .at(-1),
      has_unanswered_inbound: hasUnansweredInbound(emails),
      emails: emails.map(threadItemView),
    });
  };

  /** §6.10: PUT merges (existing keys overwritten), the newer first-party behaviour. */
  const putTags = (ctx: RequestContext) => {
    const email = emailOf(ctx);
    const body = parseWith(tagsSchema, ctx.json());
    const merged = { ...email.tags, ...body.tags };
    if (Object.keys(merged).length > 50) throw new ApiError(400, "tags: at most 50 tags per email");
    email.tags = merged;
    return reply(200, { tags: email.tags });
  };

  const deleteTag = (ctx: RequestContext) => {
    const email = emailOf(ctx);
    const key = ctx.params.key as string;
    // Undocumented: deleting a tag that does not exist answers 404 rather than a misleading `deleted:true`.
    if (!(key in email.tags)) throw new ApiError(404, "Tag not found");
    delete email.tags[key];
    return reply(200, { deleted: true });
  };

  const listSpam = (ctx: RequestContext) => {
    const status = ctx.query.get("status");
    if (status !== "spam_flagged" && status !== "spam_quarantined") {
      throw new ApiError(400, "status must be spam_flagged or spam_quarantined");
    }
    const matching = newestFirst([...store.emails.values()].filter((e) => e.status === status));
    const { page, cursor } = paginate(matching, ctx.query, 20);
    return reply(200, { emails: page.map(summaryView), cursor });
  };

  const markSpam = (label: "spam" | "not_spam") => (ctx: RequestContext) => {
    const email = store.email(ctx.params.em as string);
    email.status = label === "spam" ? "spam_quarantined" : "unread";
    email.user_label = label;
    store.addAudit(label === "spam" ? "email.report_spam" : "email.not_spam", "email", email.id, ctx.key);
    return reply(200, { id: email.id, status: email.status, user_label: label });
  };

  return [
    route("GET", "/v1/mailboxes/:mb/emails", ["read"], list),
    route("GET", "/v1/mailboxes/:mb/emails/:em", ["read"], get),
    route("GET", "/v1/mailboxes/:mb/emails/:em/attachments/:filename", ["read"], rawAttachment),
    route("GET", "/v1/mailboxes/:mb/emails/:em/attachments/:filename/url", ["read"], attachmentUrl),
    route("GET", "/v1/mailboxes/:mb/threads/:thread", ["read"], thread),
    route("GET", "/v1/mailboxes/:mb/emails/:em/tags", ["read"], (ctx) => reply(200, { tags: emailOf(ctx).tags })),
    route("PUT", "/v1/mailboxes/:mb/emails/:em/tags", ["send"], putTags),
    route("DELETE", "/v1/mailboxes/:mb/emails/:em/tags/:key", ["send"], deleteTag),
    route("GET", "/v1/emails", ["read"], listSpam),
    route("POST", "/v1/emails/:em/report-spam", ["send"], markSpam("spam")),
    route("POST", "/v1/emails/:em/not-spam", ["send"], markSpam("not_spam")),
  ];
}
