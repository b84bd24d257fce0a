// Strict mode (multimail-api.md to the letter) and the per-email faults that decide and get-email tests need.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GATED_ALL, KEYS, MAILBOX, MONITORED, startHarness, waitFor, type Harness } from "./test-helpers";

/** The pending-list item of SPEC and the Retool page (§2.4), nothing more. */
const SPEC_PENDING_FIELDS = ["body_markdown", "direction", "from", "id", "mailbox_id", "received_at", "status", "subject", "to"];

const statusOf = async (h: Harness, id: string) => (await h.control<{ status: string }>(`/emails/${id}`)).status;
const held = async (h: Harness, body: Record<string, unknown> = {}) => {
  const sent = await h.send({ metadata: { session_id: "RM_strict" }, ...body });
  await waitFor(async () => (await statusOf(h, sent.id)) === "pending_send_approval");
  return sent.id;
};
const decide = (h: Harness, json: Record<string, unknown>) => h.api("/v1/oversight/decide", { key: KEYS.oversight, json });
const pendingItems = async (h: Harness) =>
  ((await (await h.api("/v1/oversight/pending", { key: KEYS.oversight })).json()) as { emails: Record<string, unknown>[] }).emails;
const getEmail = async (h: Harness, id: string, mailbox = MAILBOX) =>
  (await (await h.api(`/v1/mailboxes/${mailbox}/emails/${id}`, { key: KEYS.oversight })).json()) as Record<string, unknown>;

describe("strict mode", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ strict: true });
  });
  afterAll(() => h.close());
  afterEach(async () => {
    await h.control("/reset", {});
  });

  it("lists pending items with exactly the SPEC fields: no metadata, thread_id or tags", async () => {
    const id = await held(h);
    await h.api(`/v1/mailboxes/${MAILBOX}/emails/${id}/tags`, { method: "PUT", key: KEYS.send, json: { tags: { session_id: "RM_strict" } } });
    const [item] = await pendingItems(h);
    expect(Object.keys(item ?? {}).sort()).toEqual(SPEC_PENDING_FIELDS);
    expect(item).toMatchObject({ id, mailbox_id: MAILBOX, direction: "outbound", status: "pending_send_approval", to: ["jane@example.com"] });
  });

  it("answers approved_and_sent but stores an undocumented status; approval and delivery show in the email's own fields", async () => {
    const id = await held(h);
    const res = await decide(h, { email_id: id, action: "approve" });
    expect(await res.json()).toEqual({ status: "approved_and_sent", postmark_message_id: expect.any(String) });
    expect(await pendingItems(h)).toEqual([]);
    await waitFor(async () => (await getEmail(h, id)).delivered_at);
    const email = await getEmail(h, id);
    expect(email).toMatchObject({ status: "undocumented", approved_by: "reviewer-dashboard", approved_at: expect.any(String), bounced_at: null });
    expect(email.status).not.toBe("approved_and_sent");
  });

  it("keeps the documented statuses: rejected, and unread for approved inbound mail", async () => {
    const id = await held(h);
    expect(await (await decide(h, { email_id: id, action: "reject", reason: "wrong day" })).json()).toEqual({ status: "rejected" });
    expect(await getEmail(h, id)).toMatchObject({ status: "rejected", approved_at: null });
    const inbound = await h.control<{ id: string; status: string }>("/inbound", { to: GATED_ALL, from: "pat@example.com", subject: "Hi", markdown: "Hello" });
    expect(inbound.status).toBe("pending_inbound_approval");
    expect(await (await decide(h, { email_id: inbound.id, action: "approve" })).json()).toEqual({ status: "approved" });
    expect(await statusOf(h, inbound.id)).toBe("unread");
  });

  it("gives ungated sends the undocumented status too", async () => {
    const sent = await h.send({}, MONITORED);
    await waitFor(async () => (await h.control<{ delivered_at: string | null }>(`/emails/${sent.id}`)).delivered_at);
    expect(await statusOf(h, sent.id)).toBe("undocumented");
  });
});

describe("status after approval", () => {
  it("is whatever the options say, in either mode", async () => {
    const h = await startHarness({ strict: true, statusAfterApproval: "read", statusAfterSend: "archived" });
    try {
      const id = await held(h);
      await decide(h, { email_id: id, action: "approve" });
      expect(await statusOf(h, id)).toBe("read");
      const loose = await startHarness({ statusAfterApproval: "archived" });
      try {
        const other = await held(loose);
        expect(await (await decide(loose, { email_id: other, action: "approve" })).json()).toMatchObject({ status: "approved_and_sent" });
        expect(await statusOf(loose, other)).toBe("archived");
      } finally {
        await loose.close();
      }
    } finally {
      await h.close();
    }
  });

  it("refuses a pending or scheduled status at start", async () => {
    await expect(startHarness({ statusAfterApproval: "pending_send_approval" })).rejects.toThrow(/cannot be the status of a sent email/);
  });
});

describe("options through the control API", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  afterEach(async () => {
    await h.control("/reset", {});
  });

  it("switches strict mode on and off at run time; reset keeps the mode", async () => {
    expect(await h.control("/options")).toEqual({ strict: false, status_after_approval: "approved_and_sent", status_after_send: "sent", pending_list_key: "emails" });
    const first = await held(h);
    expect((await pendingItems(h))[0]).toMatchObject({ id: first, metadata: { session_id: "RM_strict" }, thread_id: expect.any(String) });

    expect(await h.control("/options", { strict: true }, "PATCH")).toEqual({
      strict: true,
      status_after_approval: "undocumented",
      status_after_send: "undocumented",
      pending_list_key: "emails",
    });
    expect(Object.keys((await pendingItems(h))[0] ?? {}).sort()).toEqual(SPEC_PENDING_FIELDS);
    await h.control("/options", { status_after_approval: "read" }, "PATCH");
    await decide(h, { email_id: first, action: "approve" });
    expect(await statusOf(h, first)).toBe("read");
    await h.control("/reset", {});
    expect(await h.control("/state")).toMatchObject({ options: { strict: true, status_after_approval: "read" } });

    expect(await h.control("/options", { strict: false }, "PATCH")).toMatchObject({ strict: false, status_after_approval: "approved_and_sent" });
    const res = await h.api("/__emulator/options", { method: "PATCH", json: { status_after_approval: "pending_send_approval" } });
    expect(res.status).toBe(400);
  });
});

describe("targeted and random faults", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ strict: true });
  });
  afterAll(() => h.close());
  afterEach(async () => {
    await h.control("/reset", {});
  });

  it("answers decide 404 for one email until cleared, while it stays held and others decide normally", async () => {
    const target = await held(h);
    const other = await held(h);
    await h.control("/faults", { method: "POST", path_prefix: "/v1/oversight/decide", email_id: target, status: 404, count: null, body: { error: "Email not found" } });
    for (let i = 0; i < 2; i++) {
      const res = await decide(h, { email_id: target, action: "approve" });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "Email not found" });
    }
    expect(await statusOf(h, target)).toBe("pending_send_approval");
    expect((await pendingItems(h)).map((e) => e.id)).toContain(target);
    expect((await decide(h, { email_id: other, action: "approve" })).status).toBe(200);
    await h.control("/faults", undefined, "DELETE");
    expect((await decide(h, { email_id: target, action: "reject", reason: "late" })).status).toBe(200);

    const calls = await h.control<{ by_email: Record<string, unknown> }>("/decide-calls");
    expect(calls.by_email[target]).toEqual({ calls: 3, applied: 1, faulted: 2 });
    expect(calls.by_email[other]).toEqual({ calls: 1, applied: 1, faulted: 0 });
  });

  it("answers decide 400 once for one email", async () => {
    const target = await held(h);
    await h.control("/faults", { path_prefix: "/v1/oversight/decide", email_id: target, status: 400, body: { error: "Invalid request" } });
    expect((await decide(h, { email_id: target, action: "approve" })).status).toBe(400);
    expect(await statusOf(h, target)).toBe("pending_send_approval");
    expect((await decide(h, { email_id: target, action: "approve" })).status).toBe(200);
  });

  it("answers GET email 500 n times for one email, then the email", async () => {
    const target = await held(h);
    const other = await held(h);
    await h.control("/faults", { method: "GET", path_prefix: `/v1/mailboxes/${MAILBOX}/emails/`, email_id: target, status: 500, count: 2 });
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/emails/${other}`, { key: KEYS.oversight })).status).toBe(200);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/emails/${target}`, { key: KEYS.oversight })).status).toBe(500);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/emails/${target}`, { key: KEYS.oversight })).status).toBe(500);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/emails/${target}`, { key: KEYS.oversight })).status).toBe(200);
  });

  it("counts a decide whose answer was delayed past the caller's patience as applied once", async () => {
    const target = await held(h);
    await h.control("/faults", { path_prefix: "/v1/oversight/decide", delay_ms: 200 });
    await expect(
      fetch(`${h.url}/v1/oversight/decide`, {
        method: "POST",
        headers: { Authorization: `Bearer ${KEYS.oversight}`, "Content-Type": "application/json" },
        body: JSON.stringify({ email_id: target, action: "approve" }),
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow();
    await waitFor(async () => (await h.control<{ calls: unknown[] }>(`/decide-calls?email_id=${target}`)).calls.length === 1);
    expect((await decide(h, { email_id: target, action: "approve" })).status).toBe(409);
    const { by_email } = await h.control<{ by_email: Record<string, unknown> }>(`/decide-calls?email_id=${target}`);
    expect(by_email[target]).toEqual({ calls: 2, applied: 1, faulted: 1 });
  });

  it("hits about the given share of requests with a probability, and lets a spared one reach the next fault", async () => {
    await h.control("/faults", { path_prefix: "/v1/mailboxes", status: 503, probability: 0.3, count: null });
    await h.control("/faults", { path_prefix: "/v1/mailboxes", status: 502, count: null });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => h.api("/v1/mailboxes", { key: KEYS.oversight }).then((r) => r.status)));
    const hits = statuses.filter((s) => s === 503).length;
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThan(100);
    expect(statuses.filter((s) => s === 502)).toHaveLength(200 - hits);
  });
});
