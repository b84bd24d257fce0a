// Reading and writing mail: read side effect, pagination, filters, threads, replies, attachments, tags, validation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GATED_ALL, KEYS, MAILBOX, READ_ONLY, startHarness, waitFor, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(async () => {
  await h.control("/reset", {});
});

type Json = Record<string, unknown>;
const get = async (path: string, key: string = KEYS.oversight) => {
  const res = await h.api(path, { key });
  return { status: res.status, body: (await res.json()) as Json };
};
const inbound = (body: Json) =>
  h.control<Json & { id: string; thread_id: string }>("/inbound", {
    to: "followups@acme-dental.example",
    from: "jane@example.com",
    subject: "Question",
    markdown: "Hi",
    ...body,
  });
const statusOf = async (id: string) => (await h.control<{ status: string }>(`/emails/${id}`)).status;

describe("get email", () => {
  it("turns unread into read, while the control view has no side effect", async () => {
    const email = await inbound({});
    expect(email.status).toBe("unread");
    expect(await statusOf(email.id)).toBe("unread");
    const { body } = await get(`/v1/mailboxes/${MAILBOX}/emails/${email.id}`);
    expect(body).toMatchObject({ id: email.id, markdown: "Hi", status: "read", tags: {}, attachments: [] });
    expect(await statusOf(email.id)).toBe("read");
    expect((await get(`/v1/mailboxes/${MAILBOX}/emails/01JZZZZZZZZZZZZZZZZZZZZZZZ`)).status).toBe(404);
  });
});

describe("list emails", () => {
  it("pages with an opaque cursor until it is null, with no has_more and no bodies", async () => {
    for (let i = 0; i < 25; i++) await inbound({ subject: `Message ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const { body } = await get(`/v1/mailboxes/${MAILBOX}/emails?limit=10&offset=5${query}`);
      const emails = body.emails as Json[];
      expect(body).not.toHaveProperty("has_more");
      for (const e of emails) {
        expect(e).not.toHaveProperty("markdown");
        seen.push(e.id as string);
      }
      cursor = body.cursor as string | null;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it("defaults to 20 and refuses limits outside 1–100 and bad cursors", async () => {
    for (let i = 0; i < 22; i++) await inbound({});
    expect(((await get(`/v1/mailboxes/${MAILBOX}/emails`)).body.emails as unknown[]).length).toBe(20);
    expect((await get(`/v1/mailboxes/${MAILBOX}/emails?limit=0`)).status).toBe(400);
    expect((await get(`/v1/mailboxes/${MAILBOX}/emails?limit=101`)).status).toBe(400);
    expect((await get(`/v1/mailboxes/${MAILBOX}/emails?cursor=garbage`)).status).toBe(400);
  });

  it("filters by sender, subject, direction, attachments, since_id and status", async () => {
    const a = await inbound({ from: "Jane.Doe@example.com", subject: "Reschedule please" });
    const b = await inbound({
      from: "bob@example.org",
      subject: "X-ray",
      attachments: [{ name: "xray.png", content_base64: Buffer.from("png").toString("base64"), content_type: "image/png" }],
    });
    const sent = await h.send();
    const ids = async (query: string) => ((await get(`/v1/mailboxes/${MAILBOX}/emails?${query}`)).body.emails as Json[]).map((e) => e.id);
    expect(await ids("sender=jane.doe")).toEqual([a.id]);
    expect(await ids("subject_contains=RESCHEDULE")).toEqual([a.id]);
    expect(await ids("direction=outbound")).toEqual([sent.id]);
    expect(await ids("has_attachments=true")).toEqual([b.id]);
    expect(await ids(`since_id=${a.id}`)).toEqual([sent.id, b.id]);
    expect(await ids("status=unread")).toEqual([b.id, a.id]);
    expect((await get(`/v1/mailboxes/${MAILBOX}/emails?status=pending_scan`)).status).toBe(400);
    expect((await get(`/v1/mailboxes/${MAILBOX}/emails?date_after=yesterday`)).status).toBe(400);
    expect(await ids(`date_before=${encodeURIComponent("2000-01-01T00:00:00Z")}`)).toEqual([]);
  });
});

describe("threads and replies", () => {
  it("threads inbound mail by in_reply_to and by subject, and reports the thread", async () => {
    const sent = await h.send({ subject: "Your appointment" });
    const replyByHeader = await inbound({ in_reply_to: sent.id, subject: undefined, markdown: "Can we move it?" });
    expect(replyByHeader).toMatchObject({ thread_id: sent.thread_id, subject: "Re: Your appointment" });
    const replyBySubject = await inbound({ subject: "RE: Your appointment" });
    expect(replyBySubject.thread_id).toBe(sent.thread_id);
    const stranger = await inbound({ from: "other@example.net", subject: "Re: Your appointment" });
    expect(stranger.thread_id).not.toBe(sent.thread_id);

    const { body } = await get(`/v1/mailboxes/${MAILBOX}/threads/${sent.thread_id}`);
    expect(body).toMatchObject({ thread_id: sent.thread_id, message_count: 3, has_unanswered_inbound: true });
    expect((body.emails as Json[]).map((e) => e.id)).toEqual([sent.id, replyByHeader.id, replyBySubject.id]);
    expect(body.participants).toEqual(expect.arrayContaining(["followups@acme-dental.example", "jane@example.com"]));
    expect((body.emails as Json[])[0]).not.toHaveProperty("markdown");
    expect((await get(`/v1/mailboxes/${MAILBOX}/threads/nope`)).status).toBe(404);
  });

  it("replies in-thread to the sender with Re:, and refuses the same content within 60 s", async () => {
    const original = await inbound({ subject: "Billing", from: "Jane <jane@example.com>" });
    const send = (json: Json) => h.api(`/v1/mailboxes/${MAILBOX}/reply/${original.id}`, { key: KEYS.send, json });
    const res = await send({ markdown: "Thanks, fixed.", metadata: { session_id: "RM_7" } });
    expect(res.status).toBe(202);
    const reply = (await res.json()) as { id: string; thread_id: string; status: string };
    expect(reply).toMatchObject({ status: "pending_scan", thread_id: original.thread_id });
    expect(await h.control(`/emails/${reply.id}`)).toMatchObject({
      to: ["jane@example.com"],
      subject: "Re: Billing",
      in_reply_to: original.id,
      metadata: { session_id: "RM_7" },
    });
    expect((await send({ markdown: "Thanks, fixed." })).status).toBe(409);
    expect((await send({ markdown: "Something else" })).status).toBe(202);
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/reply/01JZZZZZZZZZZZZZZZZZZZZZZZ`, { key: KEYS.send, json: { markdown: "x" } })).status).toBe(404);
  });

  it("holds inbound mail under gated_all", async () => {
    const email = await inbound({ to: GATED_ALL });
    expect(email.status).toBe("pending_inbound_approval");
    const res = await h.api("/v1/oversight/decide", { key: KEYS.oversight, json: { email_id: email.id, action: "approve" } });
    expect(await res.json()).toEqual({ status: "approved" });
    expect(await statusOf(email.id)).toBe("unread");
  });
});

describe("attachments and tags", () => {
  it("serves raw bytes and a presigned URL that needs no key", async () => {
    const bytes = Buffer.from("%PDF-1.4 care plan");
    const email = await inbound({ attachments: [{ name: "plan.pdf", content_base64: bytes.toString("base64"), content_type: "application/pdf" }] });
    const raw = await h.api(`/v1/mailboxes/${MAILBOX}/emails/${email.id}/attachments/plan.pdf`, { key: KEYS.oversight });
    expect(raw.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await raw.arrayBuffer())).toEqual(bytes);
    const { body } = await get(`/v1/mailboxes/${MAILBOX}/emails/${email.id}/attachments/plan.pdf/url`);
    expect(body).toMatchObject({ filename: "plan.pdf", size_bytes: bytes.length, content_type: "application/pdf", expires_in: 3600 });
    const viaUrl = await fetch(body.url as string);
    expect(Buffer.from(await viaUrl.arrayBuffer())).toEqual(bytes);
    expect((await get(`/v1/mailboxes/${MAILBOX}/emails/${email.id}/attachments/missing.pdf`)).status).toBe(404);
  });

  it("merges tags on PUT and deletes one key", async () => {
    const email = await inbound({});
    const base = `/v1/mailboxes/${MAILBOX}/emails/${email.id}/tags`;
    await h.api(base, { method: "PUT", key: KEYS.send, json: { tags: { session_id: "RM_1", caller: "jane" } } });
    const put = await h.api(base, { method: "PUT", key: KEYS.send, json: { tags: { caller: "Jane Doe" } } });
    expect(await put.json()).toEqual({ tags: { session_id: "RM_1", caller: "Jane Doe" } });
    expect(await (await h.api(`${base}/caller`, { method: "DELETE", key: KEYS.send })).json()).toEqual({ deleted: true });
    expect((await get(base)).body).toEqual({ tags: { session_id: "RM_1" } });
    expect((await h.api(base, { method: "PUT", key: KEYS.oversight, json: { tags: {} } })).status).toBe(403);
  });
});

describe("cancel and schedule", () => {
  it("cancels a held email idempotently and refuses once approved", async () => {
    const sent = await h.send();
    const cancel = (id: string) => h.api(`/v1/mailboxes/${MAILBOX}/emails/${id}/cancel`, { method: "POST", key: KEYS.send });
    expect(await (await cancel(sent.id)).json()).toEqual({ id: sent.id, status: "cancelled" });
    expect((await cancel(sent.id)).status).toBe(200);
    const other = await h.send({ subject: "Other" });
    await waitFor(async () => (await statusOf(other.id)) === "pending_send_approval");
    await h.api("/v1/oversight/decide", { key: KEYS.oversight, json: { email_id: other.id, action: "approve" } });
    const refused = await cancel(other.id);
    expect(refused.status).toBe(409);
  });

  it("keeps schedule_first emails scheduled and lets them be edited only while scheduled", async () => {
    const sendAt = new Date(Date.now() + 3600_000).toISOString();
    const sent = await h.send({ send_at: sendAt, gate_timing: "schedule_first" });
    await waitFor(async () => (await statusOf(sent.id)) === "scheduled");
    const edit = (json: Json, id = sent.id) => h.api(`/v1/mailboxes/${MAILBOX}/emails/${id}/schedule`, { method: "PATCH", key: KEYS.send, json });
    const res = await edit({ subject: "Updated appointment" });
    expect(res.status).toBe(200);
    await waitFor(async () => (await statusOf(sent.id)) === "scheduled");
    expect(await h.control(`/emails/${sent.id}`)).toMatchObject({ subject: "Updated appointment", send_at: sendAt });
    const held = await h.send({ subject: "Gate first" });
    await waitFor(async () => (await statusOf(held.id)) === "pending_send_approval");
    expect((await edit({ subject: "nope" }, held.id)).status).toBe(409);
  });

  it("approves gate_first emails into scheduled, freezes their content, and sends at send_at", async () => {
    const sent = await h.send({ send_at: new Date(Date.now() + 3600_000).toISOString() });
    await waitFor(async () => (await statusOf(sent.id)) === "pending_send_approval");
    const decided = await h.api("/v1/oversight/decide", { key: KEYS.oversight, json: { email_id: sent.id, action: "approve" } });
    expect(await decided.json()).toEqual({ status: "approved" });
    expect(await statusOf(sent.id)).toBe("scheduled");
    const edit = (json: Json) => h.api(`/v1/mailboxes/${MAILBOX}/emails/${sent.id}/schedule`, { method: "PATCH", key: KEYS.send, json });
    expect((await edit({ markdown: "changed" })).status).toBe(409);
    expect((await edit({ send_at: new Date(Date.now() + 150).toISOString() })).status).toBe(200);
    await waitFor(async () => (await statusOf(sent.id)) === "approved_and_sent");
  });
});

describe("validation", () => {
  const post = (json: unknown, mailbox = MAILBOX) => h.api(`/v1/mailboxes/${mailbox}/send`, { key: KEYS.send, json });
  const valid = { to: ["jane@example.com"], subject: "Hi", markdown: "Hello" };

  it.each([
    ["no recipients", { ...valid, to: [] }],
    ["51 recipients", { ...valid, to: Array.from({ length: 51 }, (_, i) => `p${i}@example.com`) }],
    ["a bad address", { ...valid, to: ["not-an-address"] }],
    ["a 999-char subject", { ...valid, subject: "x".repeat(999) }],
    ["markdown over 256 KiB", { ...valid, markdown: "x".repeat(256 * 1024 + 1) }],
    ["send_at without Z", { ...valid, send_at: "2030-01-01T10:00:00+02:00" }],
    ["metadata that is not an object", { ...valid, metadata: ["a"] }],
    ["metadata over 16 KiB", { ...valid, metadata: { blob: "x".repeat(17 * 1024) } }],
  ])("answers 400 for %s", async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it("answers 400 for malformed JSON, 403 for a read_only mailbox, 404 for an unknown one", async () => {
    const bad = await h.api(`/v1/mailboxes/${MAILBOX}/send`, { key: KEYS.send, body: "{nope", headers: { "Content-Type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Invalid JSON body" });
    expect((await post(valid, READ_ONLY)).status).toBe(403);
    expect((await post(valid, "01JZZZZZZZZZZZZZZZZZZZZZZZ")).status).toBe(404);
  });

  it("answers 413 for a body over 1 MiB", async () => {
    const res = await post({ ...valid, markdown: "x".repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: expect.stringContaining("too large") });
  });
});
