// The approval queue: list pending, decide, and the hosted approval links (multimail-api.md §2.4).
import type { EmulatorContext } from "./context";
import { ApiError, parseJsonBody, parseWith, reply, route, type Reply, type RequestContext, type Route } from "./http";
import { decideSchema } from "./schemas";
import type { StoredEmail } from "./types";
import { pendingView } from "./views";

const PENDING = new Set(["pending_send_approval", "pending_inbound_approval"]);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function wantsHtml(ctx: RequestContext): boolean {
  return (ctx.headers.accept ?? "").includes("text/html");
}

function approvalPage(email: StoredEmail, token: string, note: string | null): string {
  const pending = PENDING.has(email.status);
  const form = (action: string, label: string) =>
    `<form method="post" action="/v1/approve/${escapeHtml(token)}"><input type="hidden" name="action" value="${action}">` +
    (action === "reject" ? `<label>Reason <input name="reason"></label> ` : "") +
    `<button type="submit">${label}</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>MultiMail approval (emulator)</title></head><body>
<h1>${escapeHtml(email.subject)}</h1>
<p>From ${escapeHtml(email.from)} to ${escapeHtml(email.to.join(", "))} — status <strong>${escapeHtml(email.status)}</strong></p>
${note ? `<p role="status">${escapeHtml(note)}</p>` : ""}
<pre>${escapeHtml(email.markdown)}</pre>
${pending ? form("approve", "Approve") + form("reject", "Reject") : ""}
</body></html>`;
}

/** Hosted links accept `action` (and `reason`) from the query, a JSON body or an HTML form post. */
function linkInput(ctx: RequestContext): { action: string | null; reason: string | null } {
  let body: Record<string, unknown> = {};
  const type = ctx.headers["content-type"] ?? "";
  if (ctx.rawBody.length > 0) {
    if (type.includes("application/x-www-form-urlencoded")) {
      body = Object.fromEntries(new URLSearchParams(ctx.rawBody.toString("utf8")));
    } else {
      const parsed = parseJsonBody(ctx.rawBody);
      if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
    }
  }
  const action = ctx.query.get("action") ?? (typeof body.action === "string" ? body.action : null);
  const reason = ctx.query.get("reason") ?? (typeof body.reason === "string" ? body.reason : null);
  return { action, reason: reason || null };
}

export function oversightRoutes(app: EmulatorContext): Route[] {
  const { store, lifecycle } = app;

  /** Account-wide and unpaginated; the key is `emails`, or `pending` in the PY test mode (§6.2). */
  const pending = () => {
    const items = [...store.emails.values()].filter((e) => PENDING.has(e.status)).map((e) => pendingView(e, app.mode.strict));
    return reply(200, { [app.mode.pendingListKey]: items });
  };

  const decide = (ctx: RequestContext) => {
    const body = parseWith(decideSchema, ctx.json());
    const email = store.email(body.email_id);
    const reason = body.reason ? body.reason : null;
    const result = lifecycle.decide(email, body.action, ctx.key?.name ?? "unknown", reason);
    store.addAudit(`oversight.${body.action}`, "email", email.id, ctx.key, {
      mailbox_id: email.mailbox_id,
      result: result.status,
      ...(reason ? { reason } : {}),
    });
    return reply(200, result);
  };

  const approvalLink = (ctx: RequestContext): Reply => {
    const token = ctx.params.token as string;
    const email = store.emailByApprovalToken(token);
    if (!email) throw new ApiError(404, "Approval link not found or expired");
    const { action, reason } = linkInput(ctx);
    let note: string | null = null;
    let result: { status: string; postmark_message_id?: string } | null = null;
    if (action !== null) {
      if (action !== "approve" && action !== "reject") throw new ApiError(400, 'action must be "approve" or "reject"');
      result = lifecycle.decide(email, action, "approval_link", reason);
      store.addAudit(`oversight.${action}`, "email", email.id, null, {
        via: "approval_link",
        result: result.status,
        ...(reason ? { reason } : {}),
      });
      note = `Decision recorded: ${result.status}`;
    }
    if (wantsHtml(ctx)) return { status: 200, raw: approvalPage(email, token, note), contentType: "text/html; charset=utf-8" };
    // Undocumented: the real links render HTML; JSON callers get the decision or the email summary.
    if (result) return reply(200, { email_id: email.id, ...result });
    return reply(200, { email_id: email.id, ...pendingView(email, app.mode.strict) });
  };

  return [
    route("GET", "/v1/oversight/pending", ["oversight", "oversight_read"], pending),
    route("POST", "/v1/oversight/decide", ["oversight"], decide),
    route("GET", "/v1/approve/:token", null, approvalLink),
    route("POST", "/v1/approve/:token", null, approvalLink),
  ];
}
