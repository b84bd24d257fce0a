// GET /api/metrics: refused without the bearer token (401, compared in constant time) and absent
// without METRICS_TOKEN (404); with it, the Prometheus exposition carries the queue, outbox, webhook,
// MultiMail and decision-latency figures after real activity against the emulator over HTTP.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import { useDbHandle, type DbHandle } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { createMultiMailClient } from "@/lib/multimail/client";
import { observeDecisions, resetDecisionWatermarkForTests } from "@/lib/metrics/decision-latency";
import { decideEmail } from "@/lib/review/decide-email";
import { reconcile } from "@/lib/review/reconcile";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { getAuth, resetAuthForTests } from "@/lib/auth/auth";
import { createUserAccount } from "@/lib/auth/create-user";
import { GET as events } from "../events/route";
import { GET } from "./route";

const TOKEN = "metrics-token-for-tests-0123456789";

function scrape(authorization?: string) {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  return GET(new NextRequest("http://localhost/api/metrics", { headers }), { params: Promise.resolve({}) });
}

/** The value of one sample line, e.g. `countersign_queue_depth{mailbox="…",state="pending"}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("GET /api/metrics without METRICS_TOKEN", () => {
  it("does not exist (404), whatever the request carries", async () => {
    vi.stubEnv("METRICS_TOKEN", "");
    resetEnvForTests();
    try {
      expect((await scrape()).status).toBe(404);
      expect((await scrape("Bearer anything-at-all-really")).status).toBe(404);
    } finally {
      vi.unstubAllEnvs();
      resetEnvForTests();
    }
  });
});

describe.each(dbKinds())("GET /api/metrics on %s", (kind) => {
  let handle: DbHandle;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;

  beforeAll(async () => {
    [handle, emulator] = await Promise.all([openTestDb(kind), startEmulator(demoEmulatorOptions({ scanDelayMs: 10 }))]);
    vi.stubEnv("METRICS_TOKEN", TOKEN);
    resetEnvForTests();
    useDbHandle(handle);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    await Promise.all([handle?.close(), emulator?.close()]);
  });

  it("refuses a scrape without the token, with a wrong one, or with another scheme", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, "Bearer "]) {
      const response = await scrape(authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain("countersign_");
    }
  });

  it("exposes the queue, the outbox, webhooks, MultiMail calls and decision latency after some activity", async () => {
    const oversight = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const pendingCalls = () => sample(before, "countersign_multimail_requests_total", { endpoint: "GET /v1/oversight/pending", status: "200" }) ?? 0;
    const callsBefore = pendingCalls();

    // Two held emails, synced by the reconciler; one approved by a reviewer.
    for (const subject of ["Metrics one", "Metrics two"]) {
      const sent = await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
        method: "POST",
        headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
        body: JSON.stringify({ to: ["caller@example.com"], subject, markdown: "Your appointment is on Tuesday." }),
      });
      expect(sent.status).toBeLessThan(300);
    }
    await expect.poll(async () => (await oversight.listPending()).length, { timeout: 5_000 }).toBe(2);
    await reconcile(handle.db, oversight);
    resetDecisionWatermarkForTests();
    await observeDecisions(handle.db);
    const [item] = (await handle.db.query.reviewItems.findMany({ limit: 1 })) as { id: string }[];
    await decideEmail(handle.db, { itemId: item!.id, action: "approve", actor: "ada@example.com", confirmRecipient: true });
    expect(await observeDecisions(handle.db)).toBe(1);

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, "countersign_queue_depth", { mailbox: DEMO_MAILBOXES.followups, state: "pending" })).toBe(1);
    expect(sample(text, "countersign_queue_depth", { mailbox: DEMO_MAILBOXES.followups, state: "approved" })).toBe(1);
    expect(sample(text, "countersign_outbox_backlog", { kind: "decision" })).toBe(1);
    expect(sample(text, "countersign_outbox_backlog", { kind: "resend" })).toBe(0);
    expect(sample(text, "countersign_outbox_backlog_attempts", { kind: "decision" })).toBeGreaterThanOrEqual(0);
    expect(sample(text, "countersign_outbox_oldest_seconds", { kind: "decision" })).toBeGreaterThanOrEqual(0);
    expect(sample(text, "countersign_webhook_deliveries", { source: "multimail", result: "failing" })).toBe(0);
    expect(sample(text, "countersign_multimail_requests_total", { endpoint: "GET /v1/oversight/pending", status: "200" })).toBeGreaterThan(callsBefore);
    expect(text).not.toMatch(/endpoint="[^"]*01[0-9A-Z]{20,}/); // ids are folded into :id
    expect(sample(text, "countersign_decision_latency_seconds_count", { action: "approve" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "countersign_sse_connections")).toBeGreaterThanOrEqual(0);
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
  });

  it("counts an open live-updates stream while it is open, and no longer once it closes", async () => {
    resetAuthForTests();
    await createUserAccount(handle.db, { email: `vic-${kind}@example.com`, password: "viewer-password-1", role: "viewer" }, "cli");
    const signedIn = await (await getAuth()).api.signInEmail({ body: { email: `vic-${kind}@example.com`, password: "viewer-password-1" }, returnHeaders: true });
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
    const open = async () => sample(await (await scrape(`Bearer ${TOKEN}`)).text(), "countersign_sse_connections");
    const before = (await open()) ?? 0;

    const abort = new AbortController();
    const response = await events(new NextRequest("http://localhost/api/events", { headers: { cookie }, signal: abort.signal }), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("retry:");
    expect(await open()).toBe(before + 1);

    abort.abort();
    await expect.poll(open, { timeout: 5_000 }).toBe(before);
    await reader.cancel().catch(() => undefined);
    expect(await open()).toBe(before);
    resetAuthForTests();
  });
});
