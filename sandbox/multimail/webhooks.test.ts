// Webhook delivery: retries with identical bytes, drops, timeouts, filtering, and the approval-code registration.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { KEYS, MAILBOX, MONITORED, signatureIsValid, startHarness, startReceiver, waitFor, type Harness, type WebhookReceiver } from "./test-helpers";

let h: Harness;
let receiver: WebhookReceiver;
let secret: string;

beforeAll(async () => {
  h = await startHarness({ webhookTimeoutMs: 200 });
  receiver = await startReceiver();
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});
afterEach(async () => {
  await h.control("/reset", {});
  const state = await h.control<{ subscriptions: { id: string }[] }>("/state");
  for (const sub of state.subscriptions) await h.api(`/v1/webhooks/${sub.id}`, { method: "DELETE", key: KEYS.admin });
  receiver.received.length = 0;
  receiver.respond = () => 200;
});

const subscribe = async (body: Record<string, unknown> = {}) => {
  const sub = await h.control<{ id: string; signing_secret: string }>("/webhooks/subscribe", { url: receiver.url, ...body });
  secret = sub.signing_secret;
  return sub;
};
type Delivery = { event_type: string; status: string; attempts: number; response_status: number | null };
const deliveries = async () =>
  ((await (await h.api("/v1/webhook-deliveries", { key: KEYS.admin })).json()) as { deliveries: Delivery[]; cursor: string | null }).deliveries;

describe("delivery", () => {
  it("retries after a 500 from the receiver with byte-identical body and signature", async () => {
    await subscribe({ events: ["oversight.pending"] });
    receiver.respond = (i) => (i === 0 ? 500 : 200);
    await h.send();
    await waitFor(() => receiver.received.length >= 2);
    const [first, second] = receiver.received;
    expect(second?.raw).toBe(first?.raw);
    expect(second?.headers["x-multimail-signature"]).toBe(first?.headers["x-multimail-signature"]);
    expect(signatureIsValid(secret, second?.raw ?? "", second?.headers["x-multimail-signature"])).toBe(true);
    await waitFor(async () => (await deliveries())[0]?.status === "delivered");
    expect((await deliveries())[0]).toMatchObject({ event_type: "oversight.pending", attempts: 2, response_status: 200 });
  });

  it("gives up as failed after 1 + 3 attempts", async () => {
    await subscribe({ events: ["oversight.pending"] });
    receiver.respond = () => 503;
    await h.send();
    await waitFor(async () => (await deliveries())[0]?.status === "failed", 5000);
    expect(receiver.received).toHaveLength(4);
    expect((await deliveries())[0]).toMatchObject({ attempts: 4, response_status: 503 });
  });

  it("treats a response slower than the timeout as a failure and retries", async () => {
    await subscribe({ events: ["oversight.pending"] });
    receiver.respond = (i) => (i === 0 ? new Promise((r) => setTimeout(() => r(200), 400)) : 200);
    await h.send();
    await waitFor(async () => (await deliveries())[0]?.status === "delivered", 5000);
    expect((await deliveries())[0]).toMatchObject({ attempts: 2 });
  });

  it("drops the next webhook on request (recorded as failed) while the email stays pending", async () => {
    await subscribe({ events: ["oversight.pending"] });
    await h.control("/webhooks/drop", { count: 1 });
    const lost = await h.send({ subject: "Lost" });
    await waitFor(async () => (await deliveries()).some((d) => d.status === "failed"));
    const kept = await h.send({ subject: "Kept" });
    await waitFor(() => receiver.received.length === 1);
    expect(receiver.received[0]?.json.data.email_id).toBe(kept.id);
    const pending = (await (await h.api("/v1/oversight/pending", { key: KEYS.oversight })).json()) as { emails: { id: string }[] };
    expect(pending.emails.map((e) => e.id)).toContain(lost.id);
  });

  it("drops everything with count null until the drop is cleared", async () => {
    await subscribe({ events: ["oversight.pending"] });
    await h.control("/webhooks/drop", { count: null });
    await h.send({ subject: "A" });
    await h.send({ subject: "B" });
    await waitFor(async () => (await deliveries()).filter((d) => d.status === "failed").length === 2);
    await h.control("/webhooks/drop", undefined, "DELETE");
    await h.send({ subject: "C" });
    await waitFor(() => receiver.received.length === 1);
  });

  it("honours event and mailbox filters, and adds bounce_type to bounces", async () => {
    await subscribe({ events: ["message.sent", "message.bounced"], mailbox_id: MONITORED });
    await h.send(); // gated mailbox: filtered out by mailbox_id
    const sent = await h.send({}, MONITORED);
    await waitFor(() => receiver.received.some((r) => r.json.event === "message.sent"));
    await h.control(`/emails/${sent.id}/bounce`, { bounce_type: "hard" });
    const bounce = await waitFor(() => receiver.received.find((r) => r.json.event === "message.bounced"));
    expect(bounce.json.data).toMatchObject({ email_id: sent.id, bounce_type: "hard" });
    expect(receiver.received.map((r) => r.json.event)).toEqual(["message.sent", "message.bounced"]);
  });
});

describe("POST /v1/webhooks", () => {
  const create = (json: Record<string, unknown>, key: string = KEYS.admin) => h.api("/v1/webhooks", { key, json });

  it("runs the operator approval-code round trip and returns the signing secret once", async () => {
    const body = { url: receiver.url, events: ["oversight.pending", "message.delivered"], mailbox_id: MAILBOX };
    const first = await create(body);
    expect(first.status).toBe(202);
    expect((await create({ ...body, approval_code: "AAA-BBB" })).status).toBe(403);
    const { codes } = await h.control<{ codes: { code: string; action: string; used: boolean }[] }>("/approval-codes");
    const code = codes.find((c) => c.action === "create_webhook" && !c.used)?.code ?? "";
    const second = await create({ ...body, approval_code: code });
    expect(second.status).toBe(201);
    const created = (await second.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ url: receiver.url, events: body.events, mailbox_id: MAILBOX, signing_secret: expect.stringMatching(/^whsec_/) });
    expect((await create({ ...body, approval_code: code })).status).toBe(403);

    const list = (await (await h.api("/v1/webhooks", { key: KEYS.admin })).json()) as { subscriptions: Record<string, unknown>[] };
    expect(list.subscriptions).toHaveLength(1);
    expect(list.subscriptions[0]).not.toHaveProperty("signing_secret");
    const del = await h.api(`/v1/webhooks/${created.id as string}`, { method: "DELETE", key: KEYS.admin });
    expect(await del.json()).toEqual({ status: "deleted" });
  });

  it("refuses non-https URLs (loopback excepted), unknown events and non-admin keys", async () => {
    expect((await create({ url: "http://example.com/hook", events: ["message.sent"] })).status).toBe(400);
    expect((await create({ url: "https://example.com/hook", events: ["email.received"] })).status).toBe(400);
    expect((await create({ url: "https://example.com/hook", events: ["message.sent"] }, KEYS.oversight)).status).toBe(403);
  });
});
