// Mailbox, account and health endpoints (multimail-api.md §2.1, §2.7).
import type { EmulatorContext } from "./context";
import { ApiError, parseWith, reply, route, type RequestContext, type Route } from "./http";
import { operatorApproval } from "./operator-approval";
import { mailboxConfigureSchema, mailboxPatchSchema } from "./schemas";
import { MODE_ORDER, type Mailbox } from "./types";
import { mailboxView } from "./views";

type PatchBody = ReturnType<typeof mailboxPatchSchema.parse>;

function refuseRemovedFields(body: unknown): void {
  if (body && typeof body === "object") {
    for (const field of ["webhook_url", "oversight_webhook_url"]) {
      // §2.1: removed from PATCH in 0.5.6. Whether the real API ignores or refuses them is undocumented.
      if (field in body) throw new ApiError(400, `${field} can no longer be set on a mailbox; use POST /v1/webhooks`);
    }
  }
}

function applyPatch(mailbox: Mailbox, body: PatchBody): void {
  if (body.oversight_mode && body.oversight_mode !== mailbox.oversight_mode) {
    const from = MODE_ORDER.indexOf(mailbox.oversight_mode);
    const to = MODE_ORDER.indexOf(body.oversight_mode);
    // §2.1 "downgrade only": upgrades go through the trust ladder. 400 is our pick; the status is undocumented.
    if (to > from) {
      throw new ApiError(400, `oversight_mode can only be downgraded (${mailbox.oversight_mode} -> ${body.oversight_mode} is an upgrade; use request-upgrade)`);
    }
    mailbox.oversight_mode = body.oversight_mode;
  }
  if (body.display_name !== undefined) mailbox.display_name = body.display_name;
  if (body.auto_cc !== undefined) mailbox.auto_cc = body.auto_cc;
  if (body.auto_bcc !== undefined) mailbox.auto_bcc = body.auto_bcc;
  if (body.forward_inbound !== undefined) mailbox.forward_inbound = body.forward_inbound;
  if (body.signature_block !== undefined) mailbox.signature_block = body.signature_block;
}

export function mailboxRoutes(app: EmulatorContext): Route[] {
  const { store } = app;

  const patch = (ctx: RequestContext) => {
    const mailbox = store.mailbox(ctx.params.mb as string);
    const raw = ctx.json();
    refuseRemovedFields(raw);
    const body = parseWith(mailboxPatchSchema, raw);
    applyPatch(mailbox, body);
    store.addAudit("mailbox.update", "mailbox", mailbox.id, ctx.key, { changes: body });
    return reply(200, { status: "updated" });
  };

  const configure = (ctx: RequestContext) => {
    const mailbox = store.mailbox(ctx.params.mb as string);
    const raw = ctx.json();
    refuseRemovedFields(raw);
    const body = parseWith(mailboxConfigureSchema, raw);
    const ccChange = (body.auto_cc !== undefined && body.auto_cc !== mailbox.auto_cc) || (body.auto_bcc !== undefined && body.auto_bcc !== mailbox.auto_bcc);
    // §2.1 "Configure mailbox": changes to auto_cc/auto_bcc need operator approval.
    if (ccChange) {
      const pending = operatorApproval(app, "configure_mailbox_cc", mailbox.id, body.approval_code);
      if (pending) return pending;
    }
    applyPatch(mailbox, body);
    if (body.default_gate_timing) mailbox.default_gate_timing = body.default_gate_timing;
    if (body.scheduling_enabled !== undefined) mailbox.scheduling_enabled = body.scheduling_enabled;
    if (body.mcp_configured !== undefined) mailbox.mcp_configured = body.mcp_configured;
    store.addAudit("mailbox.configure", "mailbox", mailbox.id, ctx.key, { changes: { ...body, approval_code: undefined } });
    // The response of /configure is undocumented (MCP only); it mirrors PATCH.
    return reply(200, { status: "updated" });
  };

  return [
    route("GET", "/health", null, () => reply(200, { status: "ok" })),
    route("GET", "/.well-known/oauth-protected-resource", null, (ctx) =>
      reply(200, { resource: ctx.baseUrl, authorization_servers: [], bearer_methods_supported: ["header"] }),
    ),
    route("GET", "/v1/mailboxes", ["read"], () =>
      reply(200, {
        mailboxes: [...store.mailboxes.values()].filter((m) => m.is_active).map((m) => mailboxView(m, store.tenantId)),
      }),
    ),
    route("GET", "/v1/mailboxes/:mb", ["read"], (ctx) => reply(200, mailboxView(store.mailbox(ctx.params.mb as string), store.tenantId))),
    route("PATCH", "/v1/mailboxes/:mb", ["admin"], patch),
    // Scope of /configure is undocumented (MCP only); admin like PATCH.
    route("PATCH", "/v1/mailboxes/:mb/configure", ["admin"], configure),
    route("GET", "/v1/account", ["read"], () =>
      reply(200, {
        id: store.tenantId,
        name: "Emulator Org",
        slug: "emulator",
        plan: "builder",
        oversight_email: "operator@emulator.example",
        physical_address: null,
        monthly_email_quota: 5000,
        emails_sent_this_month: [...store.emails.values()].filter((e) => e.postmark_message_id).length,
        max_mailboxes: 5,
        storage_used_bytes: 0,
        max_storage_bytes: 1024 * 1024 * 1024,
        is_active: 1,
        sending_disabled: 0,
        sending_disabled_reason: null,
      }),
    ),
  ];
}
