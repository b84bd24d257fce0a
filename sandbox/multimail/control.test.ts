// Control API and admin surface: injected faults, reset, mailbox downgrades, API keys, audit log.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { KEYS, MAILBOX, MONITORED, startHarness, waitFor, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(async () => {
  await h.control("/reset", {});
});

const mailboxes = () => h.api("/v1/mailboxes", { key: KEYS.oversight });

describe("faults", () => {
  it("forces a 500 on the next matching request only", async () => {
    await h.control("/faults", { status: 500 });
    const failed = await mailboxes();
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: "Injected fault" });
    expect((await mailboxes()).status).toBe(200);
  });

  it("forces a 429 with Retry-After and an optional body, limited by method and path", async () => {
    await h.control("/faults", {
      method: "post",
      path_prefix: "/v1/mailboxes/",
      status: 429,
      retry_after: 7,
      count: 2,
      body: { warmup_stage: 1, daily_sent: 50, daily_limit: 50 },
    });
    expect((await mailboxes()).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await h.api(`/v1/mailboxes/${MAILBOX}/send`, { key: KEYS.send, json: {} });
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("7");
      expect(await res.json()).toMatchObject({ error: "Injected fault", daily_limit: 50 });
    }
    expect((await h.api(`/v1/mailboxes/${MAILBOX}/send`, { key: KEYS.send, json: {} })).status).toBe(400);
  });

  it("delays a request without changing its answer", async () => {
    await h.control("/faults", { delay_ms: 300 });
    const started = Date.now();
    expect((await mailboxes()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it("clears all faults on DELETE", async () => {
    await h.control("/faults", { status: 503, count: null });
    expect((await mailboxes()).status).toBe(503);
    expect((await mailboxes()).status).toBe(503);
    await h.control("/faults", undefined, "DELETE");
    expect((await mailboxes()).status).toBe(200);
  });
});

describe("reset and inspection", () => {
  it("clears emails but keeps mailboxes and keys", async () => {
    await h.send();
    expect((await h.control<{ emails: unknown[] }>("/emails")).emails).toHaveLength(1);
    await h.control("/reset", {});
    expect((await h.control<{ emails: unknown[] }>("/emails")).emails).toHaveLength(0);
    expect((await mailboxes()).status).toBe(200);
  });

  it("logs API requests with the key name", async () => {
    await mailboxes();
    const { requests } = await h.control<{ requests: Record<string, unknown>[] }>("/requests");
    expect(requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/mailboxes", status: 200, key_name: "reviewer-dashboard" });
  });

  it("fires message.complained and serves an HTML approval page", async () => {
    const sent = await h.send({}, MONITORED);
    await waitFor(async () => (await h.control<{ status: string }>(`/emails/${sent.id}`)).status === "sent");
    expect(await h.control(`/emails/${sent.id}/complain`, {})).toMatchObject({ complained_at: expect.any(String) });
    const held = await h.send();
    const token = await waitFor(async () => (await h.control<{ approval_token: string | null }>(`/emails/${held.id}`)).approval_token);
    const page = await h.api(`/v1/approve/${token}`, { headers: { Accept: "text/html" } });
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Your appointment");
  });
});

describe("mailbox settings", () => {
  const patch = (json: Record<string, unknown>, key: string = KEYS.admin) => h.api(`/v1/mailboxes/${MAILBOX}`, { method: "PATCH", key, json });

  it("allows downgrades only, then refuses sends in read_only", async () => {
    expect((await patch({ oversight_mode: "autonomous" })).status).toBe(400);
    expect((await patch({ oversight_mode: "gated_send" }, KEYS.send)).status).toBe(403);
    expect(await (await patch({ oversight_mode: "gated_all", display_name: "Follow-ups" })).json()).toEqual({ status: "updated" });
    expect((await patch({ signature_block: "x".repeat(201) })).status).toBe(400);
    expect((await patch({ webhook_url: "https://example.com" })).status).toBe(400);
    expect((await patch({ oversight_mode: "read_only" })).status).toBe(200);
    const res = await h.api(`/v1/mailboxes/${MAILBOX}/send`, {
      key: KEYS.send,
      json: { to: ["jane@example.com"], subject: "Hi", markdown: "Hello" },
    });
    expect(res.status).toBe(403);
    await h.control(`/mailboxes/${MAILBOX}`, { oversight_mode: "gated_send" }, "PATCH");
  });
});

describe("API keys", () => {
  const create = (json: Record<string, unknown>) => h.api("/v1/api-keys", { key: KEYS.admin, json });

  it("refuses send + oversight on one key", async () => {
    const res = await create({ name: "bad", scopes: ["send", "oversight"] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringContaining("send and oversight") });
  });

  it("creates a key after the approval code and the key works", async () => {
    expect((await create({ name: "dash", scopes: ["oversight", "read"] })).status).toBe(202);
    const { codes } = await h.control<{ codes: { code: string; action: string }[] }>("/approval-codes");
    const code = codes.find((c) => c.action === "create_api_key")?.code;
    const res = await create({ name: "dash", scopes: ["oversight", "read"], approval_code: code });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { api_key: string; scopes: string[] };
    expect(created.scopes).toEqual(["oversight", "read"]);
    expect((await h.api("/v1/oversight/pending", { key: created.api_key })).status).toBe(200);
    const audit = (await (await h.api("/v1/audit-log", { key: KEYS.admin })).json()) as { entries: { action: string }[]; cursor: null };
    expect(audit.entries.map((e) => e.action)).toContain("api_key.create");
  });
});
