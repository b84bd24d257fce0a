import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMultiMailClient, type MultiMailClientOptions } from "./client";
import { MultiMailError } from "./errors";
import { startTestServer, type TestServer } from "@/test/multimail-test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const KEY = "mm_live_test_key";
const client = (overrides: Partial<MultiMailClientOptions> = {}) =>
  createMultiMailClient({ baseUrl: server.baseUrl, apiKey: KEY, retryBaseMs: 1, timeoutMs: 2_000, ...overrides });

async function failure(promise: Promise<unknown>): Promise<MultiMailError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MultiMailError);
  return error as MultiMailError;
}

const PENDING = "/v1/oversight/pending";
const DECIDE = "/v1/oversight/decide";
const SEND = "/v1/mailboxes/mb_1/send";

describe("requests", () => {
  it("sends the Bearer key, a JSON content type and a body without an empty reason", async () => {
    server.route("POST", DECIDE, { json: { status: "approved_and_sent", postmark_message_id: "pm_1" } });
    const result = await client().decide({ emailId: "em_1", action: "approve", reason: "   " });

    expect(result).toEqual({ status: "approved_and_sent", postmarkMessageId: "pm_1" });
    const [req] = server.requestsTo("POST", DECIDE);
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.json).toEqual({ email_id: "em_1", action: "approve" });
  });

  it("sends a non-empty reason and treats a bare 200 as a successful decide", async () => {
    server.route("POST", DECIDE, { status: 200, text: "" });
    const result = await client().decide({ emailId: "em_1", action: "reject", reason: " wrong recipient " });
    expect(result).toEqual({ status: null, postmarkMessageId: null });
    expect(server.requests[0]?.json).toEqual({ email_id: "em_1", action: "reject", reason: "wrong recipient" });
  });

  it("tolerates a trailing slash or /v1 on the base URL and encodes path segments", async () => {
    server.route("GET", "/v1/mailboxes/mb%2F1/emails/em%201", { json: { id: "em 1", status: "read" } });
    const email = await client({ baseUrl: `${server.baseUrl}/v1/` }).getEmail("mb/1", "em 1");
    expect(email.mailboxId).toBe("mb/1");
  });

  it("maps send input to the wire names and reports a queued send", async () => {
    server.route("POST", SEND, { status: 202, json: { id: "em_9", status: "pending_scan", thread_id: "th_1" } });
    const result = await client().send("mb_1", {
      to: "a@example.com",
      subject: "Hi",
      markdown: "**hi**",
      sendAt: new Date("2026-07-01T09:00:00Z"),
      attachments: [{ name: "a.txt", contentBase64: "aGk=", contentType: "text/plain" }],
    });
    expect(result).toEqual({ id: "em_9", status: "pending_scan", threadId: "th_1", idempotent: false, message: null });
    expect(server.requests[0]?.json).toEqual({
      to: ["a@example.com"],
      subject: "Hi",
      markdown: "**hi**",
      send_at: "2026-07-01T09:00:00.000Z",
      attachments: [{ name: "a.txt", content_base64: "aGk=", content_type: "text/plain" }],
    });
  });

  it("rejects invalid input before any request is made", async () => {
    const error = await failure(client().send("mb_1", { to: [], subject: "x", markdown: "y" }));
    expect(error).toMatchObject({ kind: "validation", status: 0 });
    expect(error.message).toContain("to");
    expect(server.requests).toHaveLength(0);
  });

  it("maps list filters to query parameters and normalises an empty cursor to null", async () => {
    server.route("GET", "/v1/mailboxes/mb_1/emails", { json: { emails: [{ id: "em_1", status: "unread" }], cursor: "" } });
    const page = await client().listEmails("mb_1", {
      status: "unread",
      subjectContains: "invoice",
      hasAttachments: false,
      direction: "inbound",
      dateAfter: new Date("2026-01-01T00:00:00Z"),
      sinceId: "01KJ",
      limit: 20,
    });
    expect(page.cursor).toBeNull();
    expect(page.emails[0]).toMatchObject({ id: "em_1", mailboxId: "mb_1", direction: null });
    expect(Object.fromEntries(server.requests[0]?.query ?? [])).toEqual({
      status: "unread",
      subject_contains: "invoice",
      has_attachments: "false",
      direction: "inbound",
      date_after: "2026-01-01T00:00:00.000Z",
      since_id: "01KJ",
      limit: "20",
    });
  });

  it("iterates pages until the cursor runs out", async () => {
    server.route(
      "GET",
      "/v1/mailboxes/mb_1/emails",
      { json: { emails: [{ id: "a" }, { id: "b" }], cursor: "1718000000000" } },
      { json: { emails: [{ id: "c" }], cursor: null } },
    );
    const ids: string[] = [];
    for await (const email of client().iterateEmails("mb_1", { limit: 2 })) ids.push(email.id);
    expect(ids).toEqual(["a", "b", "c"]);
    expect(server.requests[1]?.query.get("cursor")).toBe("1718000000000");
  });
});

describe("normalisation over HTTP", () => {
  it("reads the pending list from `pending` when `emails` is absent", async () => {
    server.route("GET", PENDING, {
      json: { pending: [{ id: "em_1", from_address: "x@y.z", to_addresses: "a@b.c", text_body: "hi", created_at: 1718000000000, status: "pending_approval" }] },
    });
    const [email] = await client().listPending();
    expect(email).toMatchObject({
      id: "em_1",
      from: "x@y.z",
      to: ["a@b.c"],
      markdown: "hi",
      receivedAt: "2024-06-10T06:13:20.000Z",
      status: "pending_approval",
    });
  });

  it("reads 0/1 mailbox flags as booleans", async () => {
    server.route("GET", "/v1/mailboxes", {
      json: { mailboxes: [{ id: "mb_1", address: "a@x.dev", oversight_mode: "gated_send", forward_inbound: 0, is_active: 1, created_at: 1718000000000 }] },
    });
    const [mailbox] = await client().listMailboxes();
    expect(mailbox).toMatchObject({ forwardInbound: false, isActive: true, oversightMode: "gated_send", createdAt: "2024-06-10T06:13:20.000Z" });
  });

  it("reports a response missing a required field as an upstream error naming it", async () => {
    server.route("GET", PENDING, { json: { emails: [{ status: "pending_send_approval" }] } });
    const error = await failure(client().listPending());
    expect(error).toMatchObject({ kind: "upstream", retryable: false });
    expect(error.message).toContain("emails.0.id");
    expect(server.requests).toHaveLength(1);
  });

  it("reads tags, cancel, thread, attachment URL, webhooks and health", async () => {
    const em = "/v1/mailboxes/mb_1/emails/em_1";
    server.route("GET", `${em}/tags`, { json: { tags: { priority: "high", n: 2 } } });
    server.route("PUT", `${em}/tags`, (req) => ({ json: req.json }));
    server.route("DELETE", `${em}/tags/priority`, { json: { deleted: true } });
    server.route("POST", `${em}/cancel`, { json: { id: "em_1", status: "cancelled" } });
    server.route("GET", "/v1/mailboxes/mb_1/threads/th_1", {
      json: { thread_id: "th_1", message_count: 1, participants: ["a@b.c"], has_unanswered_inbound: 1, emails: [{ id: "em_1", received_at: "2026-03-09T14:22:00Z" }] },
    });
    server.route("GET", `${em}/attachments/a%20b.pdf/url`, {
      json: { url: "https://files/x", filename: "a b.pdf", size_bytes: 10, content_type: "application/pdf", expires_in: 3600 },
    });
    server.route("GET", "/v1/webhooks", { json: { webhooks: [{ id: "wh_1", url: "https://x", events: ["message.received"] }] } });
    server.route("GET", "/health", { status: 503, json: { status: "degraded" } });
    const c = client();

    expect(await c.getTags("mb_1", "em_1")).toEqual({ priority: "high", n: "2" });
    expect(await c.setTags("mb_1", "em_1", { a: "1" })).toEqual({ a: "1" });
    expect(await c.deleteTag("mb_1", "em_1", "priority")).toEqual({ deleted: true });
    expect(await c.cancel("mb_1", "em_1")).toEqual({ id: "em_1", status: "cancelled" });
    const thread = await c.getThread("mb_1", "th_1");
    expect(thread).toMatchObject({ threadId: "th_1", hasUnansweredInbound: true, emails: [{ id: "em_1", mailboxId: "mb_1", receivedAt: "2026-03-09T14:22:00.000Z" }] });
    expect(await c.getAttachmentUrl("mb_1", "em_1", "a b.pdf")).toMatchObject({ url: "https://files/x", sizeBytes: 10, expiresIn: 3600 });
    expect(await c.listWebhooks()).toMatchObject([{ id: "wh_1", events: ["message.received"] }]);
    expect(await c.health()).toEqual({ status: "degraded", ok: false });
    expect(server.requestsTo("GET", "/health")).toHaveLength(1);
  });
});

describe("retries", () => {
  it("retries a 500 and then succeeds", async () => {
    server.route("GET", PENDING, { status: 500, json: { error: "boom" } }, { json: { emails: [] } });
    expect(await client().listPending()).toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it("honours a fractional Retry-After on 429", async () => {
    server.route("GET", PENDING, { status: 429, headers: { "retry-after": "0.2" }, json: { error: "slow down" } }, { json: { emails: [] } });
    const started = Date.now();
    await client({ retryBaseMs: 0 }).listPending();
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    expect(server.requests).toHaveLength(2);
  });

  it("fails at once when Retry-After exceeds the cap, keeping the wait for the caller", async () => {
    server.route("GET", PENDING, { status: 429, headers: { "retry-after": "120" }, json: { error: "slow down" } });
    const error = await failure(client({ maxRetryAfterMs: 1_000 }).listPending());
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 120_000, message: "slow down" });
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry the monthly quota or a warmup cap", async () => {
    server.route("POST", SEND, { status: 429, json: { error: "Monthly email quota exceeded" } });
    const quota = await failure(client().send("mb_1", { to: ["a@b.c"], subject: "s", markdown: "m", idempotencyKey: "k1" }));
    expect(quota).toMatchObject({ kind: "quota", retryable: false });

    server.route("POST", SEND, { status: 429, json: { error: "Warmup limit reached", warmup_stage: 1, daily_sent: 50, daily_limit: 50, hint: "wait" } });
    const warmup = await failure(client().send("mb_1", { to: ["a@b.c"], subject: "s", markdown: "m", idempotencyKey: "k2" }));
    expect(warmup).toMatchObject({ kind: "rate_limited", warmup: { stage: "1", dailySent: 50, dailyLimit: 50, hint: "wait" } });
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    [400, "validation"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [409, "conflict"],
    [413, "too_large"],
    [422, "validation"],
  ] as const)("does not retry HTTP %i and maps it to %s with the API's message", async (status, kind) => {
    server.route("POST", DECIDE, { status, json: { error: `refused ${status}` } });
    const error = await failure(client().decide({ emailId: "em_1", action: "approve" }));
    expect(error).toMatchObject({ status, kind, message: `refused ${status}`, attempts: 1, endpoint: `POST ${DECIDE}` });
    expect(server.requests).toHaveLength(1);
  });

  it("never retries a send without an idempotency key", async () => {
    server.route("POST", SEND, { status: 503, json: { error: "unavailable" } }, { status: 202, json: { id: "em_2", status: "pending_scan" } });
    const error = await failure(client().send("mb_1", { to: ["a@b.c"], subject: "s", markdown: "m" }));
    expect(error).toMatchObject({ kind: "upstream", status: 503, retryable: true });
    expect(server.requests).toHaveLength(1);
  });

  it("retries a reply with an idempotency key and reports the 200 replay as idempotent", async () => {
    const path = "/v1/mailboxes/mb_1/reply/em_1";
    server.route("POST", path, { status: 502, text: "<html>Bad gateway</html>" }, { status: 200, json: { id: "em_3", status: "already_sent" } });
    const result = await client().reply("mb_1", "em_1", { markdown: "thanks", idempotencyKey: "rev-1" });
    expect(result).toMatchObject({ id: "em_3", status: "already_sent", idempotent: true, threadId: null });
    expect(server.requests.map((r) => (r.json as { idempotency_key?: string }).idempotency_key)).toEqual(["rev-1", "rev-1"]);
  });

  it("times out each attempt and gives up with kind timeout after the retries", async () => {
    server.route("GET", PENDING, { delayMs: 1_000, json: { emails: [] } });
    const error = await failure(client({ timeoutMs: 50, maxRetries: 2 }).listPending());
    expect(error).toMatchObject({ kind: "timeout", status: 0, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it("reports a refused connection as a network error", async () => {
    const error = await failure(client({ baseUrl: "http://127.0.0.1:1", maxRetries: 1 }).health());
    expect(error).toMatchObject({ kind: "network", status: 0 });
    expect(error.message).not.toContain(KEY);
  });

  it("survives a non-JSON error body with a message naming the status", async () => {
    server.route("GET", PENDING, { status: 502, text: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } });
    const error = await failure(client({ maxRetries: 1 }).listPending());
    expect(error).toMatchObject({ kind: "upstream", status: 502, attempts: 2 });
    expect(error.message).toBe(`MultiMail returned HTTP 502 for GET ${PENDING} (non-JSON body)`);
  });
});
