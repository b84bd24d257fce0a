// Admin endpoints: webhook subscriptions and deliveries, audit log, API keys (multimail-api.md §2.6–2.7).
import type { EmulatorContext } from "./context";
import { ApiError, newestFirst, paginate, parseWith, reply, route, nowIso, type RequestContext, type Route } from "./http";
import { signingSecret, ulid } from "./ids";
import { operatorApproval } from "./operator-approval";
import { apiKeyCreateSchema, apiKeyPatchSchema, webhookCreateSchema } from "./schemas";
import { scopeProblem } from "./store";
import type { ApiKey, Delivery, Subscription } from "./types";
import { subscriptionView } from "./views";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** §2.6: webhook URLs must be https. The emulator also admits loopback http so local dashboards work. */
function assertWebhookUrl(raw: string): void {
  const url = new URL(raw);
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return;
  throw new ApiError(400, "url must use https");
}

function deliveryView(d: Delivery): Record<string, unknown> {
  return {
    id: d.id,
    event_type: d.event_type,
    url: d.url,
    status: d.status,
    attempts: d.attempts,
    response_status: d.response_status,
    created_at: d.created_at,
    last_attempt_at: d.last_attempt_at,
  };
}

/** `is_active` as 0/1 like the mailbox flags (§1); the reference does not say which form keys use. */
function keyView(key: ApiKey): Record<string, unknown> {
  return {
    id: key.id,
    name: key.name,
    prefix: `${key.key.slice(0, 12)}...`,
    scopes: key.scopes,
    created_at: key.created_at,
    last_used_at: key.last_used_at,
    is_active: key.is_active ? 1 : 0,
  };
}

export function adminRoutes(app: EmulatorContext): Route[] {
  const { store } = app;

  const subscriptionOf = (ctx: RequestContext): Subscription => {
    const sub = store.subscriptions.get(ctx.params.id as string);
    if (!sub) throw new ApiError(404, "Webhook not found");
    return sub;
  };

  const keyOf = (ctx: RequestContext): ApiKey => {
    const key = store.keyById(ctx.params.id as string);
    if (!key || !key.is_active) throw new ApiError(404, "API key not found");
    return key;
  };

  const createWebhook = (ctx: RequestContext) => {
    const body = parseWith(webhookCreateSchema, ctx.json());
    assertWebhookUrl(body.url);
    if (body.mailbox_id) store.mailbox(body.mailbox_id);
    const pending = operatorApproval(app, "create_webhook", body.url, body.approval_code);
    if (pending) return pending;
    // PY's optional `secret` is not in SPEC (§2.6); the server always generates the signing secret.
    const sub: Subscription = {
      id: ulid(),
      url: body.url,
      events: [...new Set(body.events)],
      mailbox_id: body.mailbox_id ?? null,
      signing_secret: signingSecret(),
      created_at: nowIso(),
    };
    store.subscriptions.set(sub.id, sub);
    store.addAudit("webhook.create", "webhook", sub.id, ctx.key, { url: sub.url, events: sub.events });
    return reply(201, subscriptionView(sub, true));
  };

  const deleteWebhook = (ctx: RequestContext) => {
    const sub = subscriptionOf(ctx);
    store.subscriptions.delete(sub.id);
    store.addAudit("webhook.delete", "webhook", sub.id, ctx.key);
    return reply(200, { status: "deleted" });
  };

  const createKey = (ctx: RequestContext) => {
    const body = parseWith(apiKeyCreateSchema, ctx.json());
    const problem = scopeProblem(body.scopes);
    if (problem) throw new ApiError(400, problem);
    const pending = operatorApproval(app, "create_api_key", body.name, body.approval_code);
    if (pending) return pending;
    const key = store.addKey({ name: body.name, scopes: body.scopes });
    store.addAudit("api_key.create", "api_key", key.id, ctx.key, { name: key.name, scopes: key.scopes });
    return reply(201, { id: key.id, api_key: key.key, prefix: keyView(key).prefix, name: key.name, scopes: key.scopes });
  };

  const patchKey = (ctx: RequestContext) => {
    const key = keyOf(ctx);
    const body = parseWith(apiKeyPatchSchema, ctx.json());
    if (body.scopes) {
      const problem = scopeProblem(body.scopes);
      if (problem) throw new ApiError(400, problem);
      // §1: adding `oversight` to an existing key needs operator approval.
      if (body.scopes.includes("oversight") && !key.scopes.includes("oversight")) {
        const pending = operatorApproval(app, "add_oversight_scope", key.id, body.approval_code);
        if (pending) return pending;
      }
      key.scopes = [...new Set(body.scopes)];
    }
    if (body.name) key.name = body.name;
    store.addAudit("api_key.update", "api_key", key.id, ctx.key, { name: key.name, scopes: key.scopes });
    return reply(200, keyView(key));
  };

  const revokeKey = (ctx: RequestContext) => {
    const key = keyOf(ctx);
    const body = (ctx.json() ?? {}) as { approval_code?: unknown };
    const code = typeof body.approval_code === "string" ? body.approval_code : ctx.query.get("approval_code");
    const pending = operatorApproval(app, "revoke_api_key", key.id, code);
    if (pending) return pending;
    key.is_active = false;
    store.addAudit("api_key.revoke", "api_key", key.id, ctx.key);
    return reply(200, { status: "revoked" });
  };

  return [
    route("GET", "/v1/webhooks", ["admin"], () => reply(200, { subscriptions: [...store.subscriptions.values()].map((s) => subscriptionView(s, false)) })),
    route("POST", "/v1/webhooks", ["admin"], createWebhook),
    route("GET", "/v1/webhooks/:id", ["admin"], (ctx) => reply(200, subscriptionView(subscriptionOf(ctx), true))),
    route("DELETE", "/v1/webhooks/:id", ["admin"], deleteWebhook),
    route("GET", "/v1/webhook-deliveries", ["admin"], (ctx) => {
      const { page, cursor } = paginate(newestFirst(store.deliveries.values()), ctx.query, 50);
      return reply(200, { deliveries: page.map(deliveryView), cursor });
    }),
    route("GET", "/v1/audit-log", ["admin"], (ctx) => {
      const { page, cursor } = paginate(newestFirst(store.audit), ctx.query, 50);
      return reply(200, { entries: page, cursor });
    }),
    route("GET", "/v1/api-keys", ["admin"], () => reply(200, { api_keys: [...store.keys.values()].filter((k) => k.is_active).map(keyView) })),
    route("POST", "/v1/api-keys", ["admin"], createKey),
    route("PATCH", "/v1/api-keys/:id", ["admin"], patchKey),
    route("DELETE", "/v1/api-keys/:id", ["admin"], revokeKey),
  ];
}
