// Mailbox, account and health endpoints (multimail-api.md §2.1, §2.7).
import type { EmulatorContext } from "./context";
import { ApiError, parseWith, reply, route, type RequestContext, type Route } from "./http";
import { operatorApproval } from "./operator-approval";
import { applyUpgradeSchema, mailboxConfigureSchema, mailboxCreateSchema, mailboxPatchSchema, requestUpgradeSchema } from "./schemas";
import { MODE_ORDER, type Mailbox, type OversightMode } from "./types";
import { mailboxView } from "./views";

type PatchBody = ReturnType<typeof mailboxPatchSchema.parse>;

/** The Builder plan of `GET /v1/account` (`max_mailboxes: 5`, §1 plan quotas): one more is 403. */
const MAX_MAILBOXES = 5;
/** §2.1: request-upgrade is limited to 3 an hour per mailbox. */
const UPGRADE_REQUESTS_PER_HOUR = 3;
const HOUR_MS = 60 * 60 * 1000;
const LOCAL_PART = /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9])?$/i;
const FULL_ADDRESS = /^([^\s@]+)@([a-z0-9.-]+\.[a-z]{2,})$/i;

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
  /** Trust-ladder requests waiting for their code, and each mailbox's request times (the 3/h limit). */
  const upgradeRequests = new Map<string, { target: OversightMode; times: number[] }>();

  /**
   * The account's domain for `address_local`: the reference names none, so the domain of the first
   * seeded mailbox (the demo's), else `multimail.dev`. A full address is accepted only on a domain the
   * account already uses (§2.1 "a full address on a verified custom domain").
   */
  const resolveAddress = (value: string): string => {
    const domains = [...store.mailboxes.values()].map((m) => m.address.split("@")[1] ?? "");
    const full = FULL_ADDRESS.exec(value);
    if (full) {
      const [, local, domain] = full as unknown as [string, string, string];
      if (!LOCAL_PART.test(local)) throw new ApiError(400, `Invalid address: ${value}`);
      if (!domains.includes(domain.toLowerCase())) throw new ApiError(400, `Domain ${domain} is not a verified domain of this account`);
      return value.toLowerCase();
    }
    if (!LOCAL_PART.test(value)) throw new ApiError(400, `Invalid address_local: ${value} (letters, digits, dots, dashes, underscores and plus)`);
    return `${value}@${domains[0] || "multimail.dev"}`.toLowerCase();
  };

  const assertCreatable = (address: string): void => {
    // §2.1: a deleted mailbox's address cannot be reused, so inactive mailboxes count as taken.
    if ([...store.mailboxes.values()].some((m) => m.address === address)) throw new ApiError(409, `Address already taken: ${address}`);
    const active = [...store.mailboxes.values()].filter((m) => m.is_active).length;
    if (active >= MAX_MAILBOXES) throw new ApiError(403, `Mailbox limit reached: the builder plan allows ${MAX_MAILBOXES} mailboxes`);
  };

  /** §2.1 create: 202 and a code emailed to the operator, then 201 `{id, address}` with the code. */
  const create = (ctx: RequestContext) => {
    const body = parseWith(mailboxCreateSchema, ctx.json());
    const address = resolveAddress(body.address_local);
    // Checked before a code is issued and again after, so neither call can create a duplicate.
    assertCreatable(address);
    const pending = operatorApproval(app, "create_mailbox", address, body.approval_code);
    if (pending) return pending;
    assertCreatable(address);
    // SPEC: `oversight_mode` is "ignored: new mailboxes always start at gated_send".
    const mailbox = store.addMailbox({ address, display_name: body.display_name ?? undefined });
    store.addAudit("mailbox.create", "mailbox", mailbox.id, ctx.key, { address });
    return reply(201, { id: mailbox.id, address: mailbox.address });
  };

  /** §2.1 delete: a soft delete; the address stays taken. */
  const remove = (ctx: RequestContext) => {
    const mailbox = store.mailbox(ctx.params.mb as string);
    mailbox.is_active = false;
    upgradeRequests.delete(mailbox.id);
    store.addAudit("mailbox.delete", "mailbox", mailbox.id, ctx.key);
    return reply(200, { status: "deleted" });
  };

  /** §2.1 trust ladder, step 1: the operator is emailed a code for the upgrade. */
  const requestUpgrade = (ctx: RequestContext) => {
    const mailbox = store.mailbox(ctx.params.mb as string);
    const body = parseWith(requestUpgradeSchema, ctx.json());
    const target = body.target_mode as OversightMode;
    if (!MODE_ORDER.includes(target)) throw new ApiError(400, `Invalid target_mode: ${body.target_mode}`);
    if (target === mailbox.oversight_mode) throw new ApiError(400, `Mailbox is already in ${target} mode`);
    // Not in the reference: a move toward more restrictive is a PATCH, not an upgrade; 400 like an invalid mode.
    if (MODE_ORDER.indexOf(target) < MODE_ORDER.indexOf(mailbox.oversight_mode)) {
      throw new ApiError(400, `${mailbox.oversight_mode} -> ${target} is a downgrade; use PATCH /v1/mailboxes/{id}`);
    }
    const now = Date.now();
    const times = (upgradeRequests.get(mailbox.id)?.times ?? []).filter((t) => now - t < HOUR_MS);
    if (times.length >= UPGRADE_REQUESTS_PER_HOUR) {
      const retryAfter = Math.ceil((HOUR_MS - (now - (times[0] ?? now))) / 1000);
      throw new ApiError(429, "Too many upgrade requests for this mailbox (3 per hour)", {}, { "Retry-After": String(retryAfter) });
    }
    times.push(now);
    upgradeRequests.set(mailbox.id, { target, times });
    const issued = store.issueApprovalCode("upgrade_mailbox", mailbox.id);
    app.log(`upgrade code for ${mailbox.address} (${mailbox.oversight_mode} -> ${target}): ${issued.code}`);
    store.addAudit("mailbox.upgrade_requested", "mailbox", mailbox.id, ctx.key, { from: mailbox.oversight_mode, to: target });
    return reply(200, { status: "upgrade_requested" });
  };

  /** §2.1 trust ladder, step 2: 404 with no request pending, 403 for a bad code. */
  const applyUpgrade = (ctx: RequestContext) => {
    const mailbox = store.mailbox(ctx.params.mb as string);
    const body = parseWith(applyUpgradeSchema, ctx.json());
    const request = upgradeRequests.get(mailbox.id);
    const open = request && store.approvalCodes.some((c) => c.action === "upgrade_mailbox" && c.resource === mailbox.id && !c.used);
    if (!request || !open) throw new ApiError(404, "No upgrade request pending for this mailbox");
    const entry = store.approvalCodes.find((c) => c.code === body.code.trim().toUpperCase() && c.action === "upgrade_mailbox" && c.resource === mailbox.id && !c.used);
    if (!entry || Date.parse(entry.expires_at) <= Date.now()) throw new ApiError(403, "Invalid or expired upgrade code");
    entry.used = true;
    const from = mailbox.oversight_mode;
    mailbox.oversight_mode = request.target;
    store.addAudit("mailbox.upgrade", "mailbox", mailbox.id, ctx.key, { from, to: request.target });
    return reply(200, { status: "upgraded" });
  };

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
    route("POST", "/v1/mailboxes", ["admin"], create),
    route("PATCH", "/v1/mailboxes/:mb", ["admin"], patch),
    route("DELETE", "/v1/mailboxes/:mb", ["admin"], remove),
    // §2.1 / §6.15: SPEC says send, MCP says admin; either is accepted.
    route("POST", "/v1/mailboxes/:mb/request-upgrade", ["admin", "send"], requestUpgrade),
    route("POST", "/v1/mailboxes/:mb/upgrade", ["admin", "send"], applyUpgrade),
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
