// Core contract: auth, the send → hold → decide lifecycle, signed webhooks and idempotency.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./emulator";
import { KEYS, MAILBOX, MONITORED, signatureIsValid, startHarness, startReceiver, waitFor, type Harness, type WebhookReceiver } from "./test-helpers";

const SECRET = "whsec_test_secret";
let h: Harness;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startReceiver();
  h = await startHarness({ webhooks: [{ url: receiver.url, secret: SECRET }] });
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});
afterEach(async () => {
  await h.control("/reset", {});
  receiver.received.length = 0;
});

const eventsFor = (id: string) => receiver.received.filter((r) => r.json.data.email_id === id).map((r) => r.json.event);
const getEmail = async (id: string, key: string = KEYS.oversight) =>
  (await (await h.api(`/v1/mailboxes/${MAILBOX}/emails/${id}`, { key })).json()) as Record<string, unknown>;

describe("startEmulator", () => {
  it("refuses a seeded key that combines send and oversight", async () => {
    await expect(startEmulator({ keys: [{ key: "mm_live_bad", scopes: ["send", "oversight"] }] })).rejects.toThrow(/send and oversight/);
  });
});

describe("auth", () => {
  it("answers 401 with WWW-Authenticate and a JSON error when the key is missing", async () => {
    const res = await h.api("/v1/mailboxes");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it("answers 401 for an unknown key", async () => {
    const res = await h.api("/v1/mailboxes", { key: "mm_live_nope" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("refuses X-API-Key (Bearer only)", async () => {
    const res = await h.api("/v1/mailboxes", { headers: { "X-API-Key": KEYS.send } });
    expect(res.status).toBe(401);
  });

  it("answers 403 naming the missing scope", async () => {
    const res = await h.api("/v1/oversight/decide", { key: KEYS.send, json: { email_id: "x", action: "approve" } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "API key lacks required scope: oversight" });
    expect((await h.api("/v1/oversight/pending", { key: KEYS.send })).status).toBe(403);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/send`, { key: KEYS.oversight, json: {} })).status).toBe(403);
  });

  it("lets oversight_read list pending but not decide", async () => {
    expect((await h.api("/v1/oversight/pending", { key: KEYS.oversightRead })).status).toBe(200);
    const res = await h.api("/v1/oversight/decide", { key: KEYS.oversightRead, json: { email_id: "x", action: "reject" } });
    expect(res.status).toBe(403);
  });

  it("treats admin as including read", async () => {
    expect((await h.api("/v1/mailboxes", { key: KEYS.admin })).status).toBe(200);
    expect((await h.api("/v1/webhooks", { key: KEYS.readOnly })).status).toBe(403);
  });

  it("serves /health without a key and 404s the marketing paths", async () => {
    expect(await (await h.api("/health")).json()).toEqual({ status: "ok" });
    for (const [method, path] of [
      ["POST", "/v1/emails/send"],
      ["POST", "/send_email"],
      ["GET", "/v1/inbox"],
      ["POST", "/create_mailbox"],
    ]) {
      const res = await h.api(path as string, { method, key: KEYS.send });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "Not found" });
    }
  });
});

describe("mailboxes", () => {
  it("emits created_at as epoch ms and flags as 0/1 ints", async () => {
    const body = (await (await h.api("/v1/mailboxes", { key: KEYS.oversight })).json()) as { mailboxes: Record<string, unknown>[] };
    const mailbox = body.mailboxes.find((m) => m.id === MAILBOX);
    expect(mailbox).toMatchObject({ address: "followups@acme-dental.example", oversight_mode: "gated_send", forward_inbound: 0, is_active: 1 });
    expect(typeof mailbox?.created_at).toBe("number");
    expect((await h.api("/v1/mailboxes/nope", { key: KEYS.oversight })).status).toBe(404);
  });
});

describe("send → pending_send_approval", () => {
  it("queues with 202 pending_scan, then holds and fires a signed oversight.pending", async () => {
    const sent = await h.send({ metadata: { session_id: "RM_123", job_id: "AJ_9" } });
    expect(sent.status).toBe("pending_scan");
    expect(sent.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const hook = await waitFor(() => receiver.received.find((r) => r.json.event === "oversight.pending"));
    expect(signatureIsValid(SECRET, hook.raw, hook.headers["x-multimail-signature"])).toBe(true);
    expect(hook.headers["content-type"]).toBe("application/json");
    expect(hook.headers["user-agent"]).toBe("MultiMail-Webhooks/1.0");
    expect(hook.json).toEqual({
      event: "oversight.pending",
      timestamp: expect.stringMatching(/Z$/),
      data: {
        email_id: sent.id,
        mailbox_id: MAILBOX,
        thread_id: sent.thread_id,
        from: "followups@acme-dental.example",
        to: ["jane@example.com"],
        subject: "Your appointment",
        direction: "outbound",
        status: "pending_send_approval",
        has_attachments: false,
        metadata: { session_id: "RM_123", job_id: "AJ_9" },
      },
    });
    const pending = (await (await h.api("/v1/oversight/pending", { key: KEYS.oversight })).json()) as { emails: unknown[] };
    expect(pending.emails).toEqual([
      expect.objectContaining({
        id: sent.id,
        body_markdown: "See you **Tuesday**.",
        status: "pending_send_approval",
        metadata: { session_id: "RM_123", job_id: "AJ_9" },
      }),
    ]);
  });

  it("replays an idempotency_key with 200 already_sent and stores one email", async () => {
    const first = await h.send({ idempotency_key: "call-42-followup" });
    const res = await h.api(`/v1/mailboxes/${MAILBOX}/send`, {
      key: KEYS.send,
      json: { to: ["jane@example.com"], subject: "Your appointment", markdown: "Again", idempotency_key: "call-42-followup" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: first.id, status: "already_sent", idempotent: true });
    const all = await h.control<{ emails: unknown[] }>("/emails");
    expect(all.emails).toHaveLength(1);
  });

  it("sends straight through in monitored mode: message.sent then message.delivered", async () => {
    const sent = await h.send({}, MONITORED);
    await waitFor(() => eventsFor(sent.id).includes("message.delivered"));
    expect(eventsFor(sent.id)).toEqual(["message.sent", "message.delivered"]);
    const stored = await h.control(`/emails/${sent.id}`);
    expect(stored).toMatchObject({ status: "sent", delivered_at: expect.any(String) });
  });
});

describe("decide", () => {
  const held = async () => {
    const sent = await h.send({ metadata: { session_id: "RM_1" } });
    await waitFor(async () => (await h.control<{ status: string }>(`/emails/${sent.id}`)).status === "pending_send_approval");
    return sent.id;
  };
  const decide = (body: Record<string, unknown>, key: string = KEYS.oversight) => h.api("/v1/oversight/decide", { key, json: body });

  it("approves: approved_and_sent, approver recorded, then sent and delivered webhooks in order", async () => {
    const id = await held();
    const res = await decide({ email_id: id, action: "approve" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "approved_and_sent", postmark_message_id: expect.any(String) });
    await waitFor(() => eventsFor(id).includes("message.delivered"));
    expect(eventsFor(id)).toEqual(["oversight.pending", "oversight.approved", "message.sent", "message.delivered"]);
    expect(await getEmail(id)).toMatchObject({
      status: "approved_and_sent",
      approved_by: "reviewer-dashboard",
      approved_at: expect.any(String),
      delivered_at: expect.any(String),
    });
  });

  it("rejects with a reason kept for the audit trail", async () => {
    const id = await held();
    const res = await decide({ email_id: id, action: "reject", reason: "Wrong date: caller said Wednesday" });
    expect(await res.json()).toEqual({ status: "rejected" });
    await waitFor(() => eventsFor(id).includes("oversight.rejected"));
    expect(await h.control(`/emails/${id}`)).toMatchObject({ status: "rejected", decision_reason: "Wrong date: caller said Wednesday" });
    const requests = await h.control<{ requests: { path: string; body: unknown; key_name: string }[] }>("/requests");
    expect(requests.requests.find((r) => r.path === "/v1/oversight/decide")).toMatchObject({
      key_name: "reviewer-dashboard",
      body: { email_id: id, action: "reject", reason: "Wrong date: caller said Wednesday" },
    });
    const audit = (await (await h.api("/v1/audit-log", { key: KEYS.admin })).json()) as { entries: Record<string, unknown>[] };
    expect(audit.entries[0]).toMatchObject({
      action: "oversight.reject",
      resource_id: id,
      metadata: expect.objectContaining({ reason: "Wrong date: caller said Wednesday" }),
    });
  });

  it("answers 409 for an email that is no longer pending, 404 for an unknown one, 400 for a bad action", async () => {
    const id = await held();
    await decide({ email_id: id, action: "reject" });
    const again = await decide({ email_id: id, action: "approve" });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: "Email is not pending approval (status: rejected)" });
    expect((await decide({ email_id: "01JZZZZZZZZZZZZZZZZZZZZZZZ", action: "approve" })).status).toBe(404);
    expect((await decide({ email_id: id, action: "edit" })).status).toBe(400);
  });

  it("approves through the hosted approval link", async () => {
    const id = await held();
    const { approval_token } = await h.control<{ approval_token: string }>(`/emails/${id}`);
    const view = await h.api(`/v1/approve/${approval_token}`);
    expect(await view.json()).toMatchObject({ email_id: id, status: "pending_send_approval" });
    const res = await h.api(`/v1/approve/${approval_token}`, { json: { action: "approve" } });
    expect(await res.json()).toMatchObject({ email_id: id, status: "approved_and_sent" });
    expect((await h.api("/v1/approve/not-a-token")).status).toBe(404);
  });
});

describe("pending list key", () => {
  it("emits `pending` instead of `emails` in the PY test mode", async () => {
    const alt = await startHarness({ pendingListKey: "pending" });
    try {
      const sent = await alt.send();
      await waitFor(async () => (await alt.control<{ status: string }>(`/emails/${sent.id}`)).status === "pending_send_approval");
      const body = (await (await alt.api("/v1/oversight/pending", { key: KEYS.oversight })).json()) as Record<string, unknown[]>;
      expect(body.emails).toBeUndefined();
      expect(body.pending).toHaveLength(1);
    } finally {
      await alt.close();
    }
  });
});
