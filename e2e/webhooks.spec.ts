// Bad webhooks are refused with a clear JSON error and leave nothing behind.
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";

const secret = "whsec_emulator";
const sign = (body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

const payload = (emailId: string) =>
  JSON.stringify({
    event: "oversight.pending",
    timestamp: new Date().toISOString(),
    data: { email_id: emailId, mailbox_id: "01JMXK9F2A0000000000000001", subject: `Forged ${emailId}` },
  });

test("unsigned, wrongly signed, malformed and oversized webhooks are refused", async ({ request }) => {
  const body = payload("01FORGED0000000000000000A1");
  const unsigned = await request.post("/api/webhooks/multimail", { data: Buffer.from(body), headers: { "content-type": "application/json" } });
  expect(unsigned.status()).toBe(401);
  expect((await unsigned.json()).error.message).toMatch(/missing/i);

  const wrong = await request.post("/api/webhooks/multimail", {
    data: Buffer.from(body),
    headers: { "content-type": "application/json", "x-multimail-signature": sign(`${body} `) },
  });
  expect(wrong.status()).toBe(401);

  const garbage = "{not json";
  const malformed = await request.post("/api/webhooks/multimail", {
    data: Buffer.from(garbage),
    headers: { "content-type": "application/json", "x-multimail-signature": sign(garbage) },
  });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.message).toMatch(/not valid JSON/);

  const huge = JSON.stringify({ event: "oversight.pending", data: { email_id: "x", pad: "a".repeat(70_000) } });
  const oversized = await request.post("/api/webhooks/multimail", {
    data: Buffer.from(huge),
    headers: { "content-type": "application/json", "x-multimail-signature": sign(huge) },
  });
  expect(oversized.status()).toBe(413);

  const queue = await (await request.get("/api/queue?state=all&q=Forged")).json();
  expect(queue.rows).toHaveLength(0);
});

test("a signed duplicate is acknowledged once and an unknown event is recorded and acknowledged", async ({ request }) => {
  const body = JSON.stringify({ event: "message.opened", timestamp: new Date().toISOString(), data: { email_id: "01UNKNOWNEVENT00000000000A" } });
  const first = await request.post("/api/webhooks/multimail", {
    data: Buffer.from(body),
    headers: { "content-type": "application/json", "x-multimail-signature": sign(body) },
  });
  expect(first.status()).toBe(200);
  expect((await first.json()).status).toBe("ignored");
  const again = await request.post("/api/webhooks/multimail", {
    data: Buffer.from(body),
    headers: { "content-type": "application/json", "x-multimail-signature": sign(body) },
  });
  expect(again.status()).toBe(200);
  expect((await again.json()).status).toBe("duplicate");
});
