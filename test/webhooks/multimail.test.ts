// POST /api/webhooks/multimail over real HTTP, with Node's own request as Next gives a Pages API
// route, signed with a real secret, against a real database and the MultiMail emulator.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import { useDbHandle, type DbHandle } from "@/lib/db/client";
import { reviewItems, webhookDeliveries } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { createMultiMailClient } from "@/lib/multimail/client";
import { oversightClient, useMultiMailClients } from "@/lib/multimail/connection";
import { signWebhookBody } from "@/lib/multimail/signature";
import { drainWebhookInbox } from "@/lib/review/ingest-multimail-webhook";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import multimailWebhook from "@/pages/api/webhooks/multimail";
import { serveMachineRoute } from "@/test/machine-route";

const SECRET = DEMO_KEYS.webhookSecret;

const send = serveMachineRoute(multimailWebhook);

function post(body: string, headers: Record<string, string> = {}) {
  return send({ body, headers: { "content-type": "application/json", ...headers } });
}

describe.each(dbKinds())("POST /api/webhooks/multimail on %s", (kind) => {
  let handle: DbHandle;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;

  beforeAll(async () => {
    [handle, emulator] = await Promise.all([openTestDb(kind), startEmulator(demoEmulatorOptions({ scanDelayMs: 10 }))]);
    vi.stubEnv("MULTIMAIL_WEBHOOK_SECRET", SECRET);
    vi.stubEnv("WEBHOOK_MAX_BYTES", "4096");
    resetEnvForTests();
    useDbHandle(handle);
    useMultiMailClients({ oversight: createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5 }), send: null });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    useMultiMailClients(null);
    await Promise.all([handle?.close(), emulator?.close()]);
  });

  const count = async () => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries))[0]!.n;

  it("refuses an unsigned, a wrongly signed, a malformed and an oversized body, storing nothing", async () => {
    const before = await count();
    const body = JSON.stringify({ event: "oversight.pending", data: { email_id: "01X" } });
    const unsigned = await post(body);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: { code: "unauthorized", message: "The X-MultiMail-Signature header is missing." } });
    expect((await post(body, { "x-multimail-signature": signWebhookBody(body, "whsec_other") })).status).toBe(401);
    expect((await post("{oops", { "x-multimail-signature": signWebhookBody("{oops", SECRET) })).status).toBe(400);
    const notAnEvent = JSON.stringify({ hello: "world" });
    expect((await post(notAnEvent, { "x-multimail-signature": signWebhookBody(notAnEvent, SECRET) })).status).toBe(400);
    const huge = JSON.stringify({ event: "oversight.pending", data: { email_id: "01X", pad: "x".repeat(5000) } });
    const oversized = await post(huge, { "x-multimail-signature": signWebhookBody(huge, SECRET) });
    expect(oversized.status).toBe(413);
    expect((await oversized.json()).error.code).toBe("too_large");
    expect(await count()).toBe(before);
  });

  it("accepts a signed event (with or without the sha256= prefix), acknowledges duplicates, and syncs the email", async () => {
    const response = await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
      body: JSON.stringify({ to: ["c@example.com"], subject: "Route test", markdown: "Hi" }),
    });
    const { id } = (await response.json()) as { id: string };
    await new Promise((r) => setTimeout(r, 100));
    const body = JSON.stringify({ event: "oversight.pending", timestamp: new Date().toISOString(), data: { email_id: id } });
    const bare = signWebhookBody(body, SECRET).replace(/^sha256=/, "");
    const first = await post(body, { "x-multimail-signature": bare });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: "accepted", event: "oversight.pending" });
    const again = await post(body, { "x-multimail-signature": signWebhookBody(body, SECRET) });
    expect(await again.json()).toEqual({ status: "duplicate", event: "oversight.pending" });
    await expect
      .poll(
        async () =>
          (
            await handle.db
              .select()
              .from(reviewItems)
              .where(sql`${reviewItems.rootEmailId} = ${id}`)
          ).length,
      )
      .toBe(1);
  });

  it("records an unknown event type once, already processed, so the worker's inbox pass leaves it alone", async () => {
    const body = JSON.stringify({ event: "message.opened", data: { email_id: "01Y" } });
    const response = await post(body, { "x-multimail-signature": signWebhookBody(body, SECRET) });
    expect(await response.json()).toEqual({ status: "ignored", event: "message.opened" });
    const rows = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, "message.opened"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.processedAt).toBeInstanceOf(Date);
    expect(rows[0]!.attempts).toBe(0);
    await drainWebhookInbox(handle.db, oversightClient());
    const [after] = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, rows[0]!.id));
    expect(after!.attempts).toBe(0);
  });
});
