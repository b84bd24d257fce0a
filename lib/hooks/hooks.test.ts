// Downstream hooks end to end on PGlite and PostgreSQL: events queued in the transaction of their
// change, delivered over real HTTP to a local receiver that checks the signature with the logic of
// examples/hook-receiver.mjs, retried with backoff on a 500 and on a timeout, given up after a day,
// re-sent by an admin, and every attempt in the log. Also the held/delivered/bounced events the
// MultiMail sync queues, and the Slack-compatible target of a mailbox.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { hookAttempts, hookDeliveries, hooks } from "@/lib/db/schema";
import { applyEmail, type SyncableEmail } from "@/lib/review/apply-email";
import { findNearBreach } from "@/lib/review/sla";
import { readBody, verifyCountersignSignature } from "../../examples/hook-receiver.mjs";
import { attemptHookDelivery, deliverDueHooks, resendHookDelivery } from "./deliver";
import { enqueueHookEvent, enqueueTransitionHooks } from "./enqueue";
import { createHook, listHooks, removeHook, setSlackTarget } from "./manage";
import { announceNearBreaches } from "./run-hooks";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  valid: boolean;
}

/** A real receiver: answers each request with the next status of `plan` (then 204), or never with "hang". */
async function startReceiver(secret: () => string | null) {
  const received: Received[] = [];
  const plan: (number | "hang")[] = [];
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const key = secret();
    const valid = key
      ? verifyCountersignSignature({ secret: key, timestamp: request.headers["x-countersign-timestamp"], signature: request.headers["x-countersign-signature"], body })
      : false;
    received.push({ headers: request.headers, body, valid });
    const next = plan.shift() ?? 204;
    if (next === "hang") return; // never answers: the sender's timeout must end it
    response.writeHead(next).end(next >= 400 ? "receiver says no" : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, plan, close: () => new Promise<void>((resolve) => server.closeAllConnections() ?? server.close(() => resolve())) };
}

const emailFixture = (id: string, overrides: Partial<SyncableEmail> = {}): SyncableEmail => ({
  id,
  direction: "outbound",
  status: "pending_send_approval",
  from: "front-desk@clinic.example",
  to: ["caller@example.com"],
  cc: [],
  subject: "Your appointment on Tuesday",
  markdown: "See you **Tuesday at 3 PM**.",
  threadId: null,
  receivedAt: new Date().toISOString(),
  approvedAt: null,
  approvedBy: null,
  deliveredAt: null,
  bouncedAt: null,
  bounceType: null,
  tags: {},
  metadata: {},
  ...overrides,
});

describe.each(dbKinds())("hooks on %s", (kind) => {
  let handle: DbHandle;
  let secret: string | null = null;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    handle = await openTestDb(kind);
    receiver = await startReceiver(() => secret);
  });
  afterAll(async () => {
    await receiver?.close();
    await handle?.close();
  });
  afterEach(async () => {
    await handle.db.delete(hooks);
    receiver.received.length = 0;
    receiver.plan.length = 0;
  });

  async function register(events: Parameters<typeof createHook>[1]["events"]) {
    const created = await createHook(handle.db, { url: receiver.url, events, createdBy: "Ada <ada@example.com>" });
    secret = created.secret;
    return created;
  }

  const deliveriesOf = (hookId: string) => handle.db.select().from(hookDeliveries).where(eq(hookDeliveries.hookId, hookId));

  it("keeps the secret from every read but the creation, encrypted at rest", async () => {
    const created = await register(["item.approved"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [row] = await handle.db.select().from(hooks).where(eq(hooks.id, created.id));
    expect(row!.secretEncrypted).toBeTruthy();
    expect(row!.secretEncrypted).not.toContain(created.secret.slice(6));
    expect(JSON.stringify(await listHooks(handle.db))).not.toContain(created.secret.slice(6));
  });

  it("refuses URLs that are not http or https", async () => {
    for (const url of ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/x", "gopher://127.0.0.1:6379/_", "not a url", "https://user:pw@example.com/"]) {
      await expect(createHook(handle.db, { url, events: ["item.approved"], createdBy: "ada" })).rejects.toMatchObject({ code: "validation" });
    }
    expect(await handle.db.select().from(hooks)).toHaveLength(0);
  });

  it("queues nothing when the change's transaction rolls back, and delivers a committed one signed", async () => {
    const { id } = await register(["item.approved", "item.rejected"]);
    await expect(
      handle.db.transaction(async (tx) => {
        await enqueueHookEvent(tx, "item.approved", { itemId: "rolled-back" });
        throw new Error("the decision was refused");
      }),
    ).rejects.toThrow("refused");
    expect(await deliveriesOf(id)).toHaveLength(0);
    await deliverDueHooks(handle.db);
    expect(receiver.received).toHaveLength(0);

    // Not subscribed: not queued.
    await handle.db.transaction((tx) => enqueueHookEvent(tx, "email.bounced", { itemId: "x" }));
    expect(await deliveriesOf(id)).toHaveLength(0);

    const queued = await handle.db.transaction((tx) => enqueueHookEvent(tx, "item.approved", { itemId: "item-1", subject: "Tuesday" }));
    expect(queued).toBe(1);
    const counts = await deliverDueHooks(handle.db);
    expect(counts.delivered).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.valid).toBe(true);
    const [delivery] = await deliveriesOf(id);
    expect(got.headers["x-countersign-event"]).toBe("item.approved");
    expect(got.headers["x-countersign-delivery"]).toBe(delivery!.id);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(got.body)).toMatchObject({ id: delivery!.id, event: "item.approved", data: { itemId: "item-1", subject: "Tuesday" } });
    // A tampered body or a replayed old timestamp does not verify.
    const ts = String(got.headers["x-countersign-timestamp"]);
    const signature = String(got.headers["x-countersign-signature"]);
    expect(verifyCountersignSignature({ secret: secret!, timestamp: ts, signature, body: got.body.replace("Tuesday", "Wednesday") })).toBe(false);
    expect(verifyCountersignSignature({ secret: secret!, timestamp: ts, signature, body: got.body, now: Number(ts) * 1000 + 6 * 60_000 })).toBe(false);
    expect(verifyCountersignSignature({ secret: "whsec_other", timestamp: ts, signature, body: got.body })).toBe(false);

    expect(delivery!.deliveredAt).toBeTruthy();
    await deliverDueHooks(handle.db);
    expect(receiver.received).toHaveLength(1); // delivered once

    const [row] = await listHooks(handle.db);
    expect(row!.deliveries[0]).toMatchObject({ event: "item.approved", state: "delivered", lastStatus: 204 });
    expect(row!.deliveries[0]!.log).toEqual([expect.objectContaining({ status: 204, error: null, manual: false })]);
  });

  it("retries a 500 and a timeout with growing backoff, then delivers", async () => {
    const { id } = await register(["item.rejected"]);
    await handle.db.transaction((tx) => enqueueHookEvent(tx, "item.rejected", { itemId: "item-2" }));
    const [queued] = await deliveriesOf(id);
    receiver.plan.push(500, "hang");

    const before = Date.now();
    expect(await attemptHookDelivery(handle.db, queued!.id, { timeoutMs: 400 })).toBe("retrying");
    let [row] = await deliveriesOf(id);
    expect(row!.lastStatus).toBe(500);
    expect(row!.lastError).toContain("HTTP 500");
    const firstDelay = row!.nextAttemptAt.getTime() - before;
    expect(firstDelay).toBeGreaterThanOrEqual(9_000);
    expect(firstDelay).toBeLessThan(15_000);
    // Not due yet: the pass leaves it alone.
    expect((await deliverDueHooks(handle.db, { timeoutMs: 400 })).retrying).toBe(0);
    expect(receiver.received).toHaveLength(1);

    await handle.db
      .update(hookDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 1) })
      .where(eq(hookDeliveries.id, queued!.id));
    const second = Date.now();
    expect((await deliverDueHooks(handle.db, { timeoutMs: 400 })).retrying).toBe(1);
    [row] = await deliveriesOf(id);
    expect(row!.lastStatus).toBeNull();
    expect(row!.lastError).toMatch(/No answer within 0.4 s/);
    const secondDelay = row!.nextAttemptAt.getTime() - second;
    expect(secondDelay).toBeGreaterThan(firstDelay);

    await handle.db
      .update(hookDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 1) })
      .where(eq(hookDeliveries.id, queued!.id));
    expect((await deliverDueHooks(handle.db, { timeoutMs: 400 })).delivered).toBe(1);
    expect(receiver.received.map((r) => r.valid)).toEqual([true, true, true]);
    // One delivery id across all its attempts: the receiver can drop duplicates.
    expect(new Set(receiver.received.map((r) => r.headers["x-countersign-delivery"])).size).toBe(1);

    const log = await handle.db.select().from(hookAttempts).where(eq(hookAttempts.deliveryId, queued!.id)).orderBy(hookAttempts.id);
    expect(log.map((a) => a.status)).toEqual([500, null, 204]);
  });

  it("gives up a day after the event, and an admin's re-send starts over", async () => {
    const { id } = await register(["item.edited"]);
    await handle.db.transaction((tx) => enqueueHookEvent(tx, "item.edited", { itemId: "item-3" }));
    const [queued] = await deliveriesOf(id);
    await handle.db
      .update(hookDeliveries)
      .set({ roundStartedAt: new Date(Date.now() - 24 * 3_600_000 + 5_000), attempts: 14 })
      .where(eq(hookDeliveries.id, queued!.id));
    receiver.plan.push(503);
    expect(await attemptHookDelivery(handle.db, queued!.id)).toBe("failed");
    let [row] = await deliveriesOf(id);
    expect(row!.failedAt).toBeTruthy();
    expect((await deliverDueHooks(handle.db)).delivered).toBe(0);
    expect((await listHooks(handle.db))[0]!.deliveries[0]!.state).toBe("failed");

    expect(await resendHookDelivery(handle.db, queued!.id)).toBe("delivered");
    [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ attempts: 1, failedAt: null, lastStatus: 204 });
    const log = (await listHooks(handle.db))[0]!.deliveries[0]!.log;
    expect(log.map((a) => [a.status, a.manual])).toEqual([
      [204, true],
      [503, false],
    ]);
    // A delivered one can be re-sent too (the receiver lost it), under the same id.
    expect(await resendHookDelivery(handle.db, queued!.id)).toBe("delivered");
    expect(receiver.received.slice(-2).map((r) => r.headers["x-countersign-delivery"])).toEqual([queued!.id, queued!.id]);
    await expect(resendHookDelivery(handle.db, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
  });

  it("maps the lifecycle's moves to events, holds a decision back for its undo period and drops it on undo", async () => {
    const { id } = await register(["item.approved", "item.rejected", "item.edited"]);
    const item = {
      id: "11111111-1111-4111-8111-111111111111",
      currentEmailId: "em_1",
      rootEmailId: "em_1",
      mailboxId: "mbx",
      subject: "Tuesday",
      fromAddress: "desk@clinic.example",
      toAddresses: ["caller@example.com"],
      state: "approved",
      decidedBy: "Rita <rita@example.com>",
      decidedAt: new Date(),
      decisionReason: "",
    };
    const undoUntil = new Date(Date.now() + 60_000);
    await handle.db.transaction((tx) => enqueueTransitionHooks(tx, { event: { type: "approve" }, item, to: "approved", decisionId: "d1", undoUntil }));
    await deliverDueHooks(handle.db);
    expect(receiver.received).toHaveLength(0); // still undoable
    await handle.db.transaction((tx) => enqueueTransitionHooks(tx, { event: { type: "undo" }, item: { ...item, state: "pending" }, to: "pending" }));
    expect(await deliveriesOf(id)).toHaveLength(0);

    // Four-eyes sends a matched re-send back to a reviewer: not approved, nothing to tell.
    expect(await handle.db.transaction((tx) => enqueueTransitionHooks(tx, { event: { type: "resend_matched" }, item, to: "pending" }))).toBe(0);
    expect(await handle.db.transaction((tx) => enqueueTransitionHooks(tx, { event: { type: "return_to_review" }, item, to: "pending" }))).toBe(0);
    await handle.db.transaction(async (tx) => {
      await enqueueTransitionHooks(tx, { event: { type: "reject" }, item: { ...item, state: "rejected", decisionReason: "Wrong day" }, to: "rejected", undoUntil: null });
      await enqueueTransitionHooks(tx, {
        event: { type: "decided_elsewhere", outcome: "approved" },
        item: { ...item, state: "decided_elsewhere" },
        to: "decided_elsewhere",
      });
    });
    await deliverDueHooks(handle.db);
    expect(receiver.received.map((r) => [JSON.parse(r.body).event, JSON.parse(r.body).data.decidedIn, r.valid])).toEqual([
      ["item.rejected", "countersign", true],
      ["item.approved", "multimail", true],
    ]);
    expect(JSON.parse(receiver.received[0]!.body).data).toMatchObject({
      itemId: item.id,
      emailId: "em_1",
      reason: "Wrong day",
      reviewUrl: expect.stringContaining(`/emails/${item.id}`),
    });
  });

  it("queues held, delivered and bounced from the MultiMail sync: Slack gets a link, hooks get the events", async () => {
    const mailboxId = `mbx_${kind}`;
    const { id: hookId } = await register(["email.delivered", "email.bounced"]);
    await handle.db.execute(
      sql`insert into mailboxes (id, address, display_name) values (${mailboxId}, 'front-desk@clinic.example', 'Front desk') on conflict do nothing`,
    );
    const slack = await setSlackTarget(handle.db, { mailboxId, url: `${receiver.url}?slack`, createdBy: "ada" });
    await expect(setSlackTarget(handle.db, { mailboxId, url: "javascript:alert(1)", createdBy: "ada" })).rejects.toMatchObject({ code: "validation" });

    const held = await applyEmail(handle.db, mailboxId, emailFixture(`em_${kind}_1`, { subject: "Tuesday <3 PM> & more" }));
    expect(held.kind).toBe("held");
    // A second sync of the same held email announces nothing new.
    await applyEmail(handle.db, mailboxId, emailFixture(`em_${kind}_1`, { subject: "Tuesday <3 PM> & more" }));
    await deliverDueHooks(handle.db);
    expect(receiver.received).toHaveLength(1);
    const post = receiver.received[0]!;
    expect(post.headers["x-countersign-signature"]).toBeUndefined();
    const itemId = held.kind === "held" ? held.itemId : "";
    expect(JSON.parse(post.body)).toEqual({
      text: `New held email in Front desk: “Tuesday &lt;3 PM&gt; &amp; more” to caller@example.com. <http://localhost:3000/emails/${itemId}|Review it>`.replace(
        "http://localhost:3000",
        (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, ""),
      ),
    });

    const deliveredAt = new Date().toISOString();
    await applyEmail(handle.db, mailboxId, emailFixture(`em_${kind}_1`, { status: "delivered", approvedAt: deliveredAt, deliveredAt }));
    await applyEmail(
      handle.db,
      mailboxId,
      emailFixture(`em_${kind}_1`, { status: "bounced", approvedAt: deliveredAt, deliveredAt, bouncedAt: deliveredAt, bounceType: "hard" }),
    );
    await deliverDueHooks(handle.db);
    // Due deliveries go out a few at a time, in parallel: these two may arrive in either order.
    const events = receiver.received.slice(1).map((r) => [r.headers["x-countersign-event"], JSON.parse(r.body).data.itemId, r.valid]);
    expect(events).toHaveLength(2);
    expect(events).toEqual(
      expect.arrayContaining([
        ["email.delivered", itemId, true],
        ["email.bounced", itemId, true],
      ]),
    );
    const bounced = receiver.received.find((r) => r.headers["x-countersign-event"] === "email.bounced")!;
    expect(JSON.parse(bounced.body).data).toMatchObject({ emailId: `em_${kind}_1`, bounceType: "hard", mailboxId });

    // Removing the target removes its log; clearing the Slack URL stops the posts.
    await removeHook(handle.db, hookId);
    expect(await deliveriesOf(hookId)).toHaveLength(0);
    await setSlackTarget(handle.db, { mailboxId, url: "", createdBy: "ada" });
    expect(await handle.db.select().from(hooks).where(eq(hooks.id, slack.id!))).toHaveLength(0);
  });

  it("announces a held email near its mailbox's SLA once to the mailbox's Slack-compatible channel", async () => {
    const mailboxId = `mbx_sla_${kind}`;
    await handle.db.execute(sql`insert into mailboxes (id, address, sla_minutes) values (${mailboxId}, 'sla@clinic.example', 10) on conflict do nothing`);
    await setSlackTarget(handle.db, { mailboxId, url: `${receiver.url}?slack`, createdBy: "ada" });
    const held = await applyEmail(
      handle.db,
      mailboxId,
      emailFixture(`em_sla_${kind}`, { subject: "Refill", receivedAt: new Date(Date.now() - 8 * 60_000).toISOString() }),
    );
    expect(held.kind).toBe("held");
    expect(await announceNearBreaches(handle.db, findNearBreach)).toBe(1);
    expect(await announceNearBreaches(handle.db, findNearBreach)).toBe(0); // once per email
    await deliverDueHooks(handle.db);
    // Both posts are due at once: they may arrive in either order.
    const texts = receiver.received.map((r) => JSON.parse(r.body).text as string).sort((a, b) => (a.startsWith("New") ? -1 : b.startsWith("New") ? 1 : 0));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^New held email in sla@clinic.example: “Refill”/);
    expect(texts[1]).toMatch(/^Due in [12] min in sla@clinic.example: “Refill” is still waiting for a decision\. <.+\/emails\/[0-9a-f-]+\|Review it>$/);
  });
});
