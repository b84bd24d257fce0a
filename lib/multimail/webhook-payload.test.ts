import { describe, expect, it } from "vitest";
import { parseWebhookPayload, webhookDedupeKey, webhookEventKind } from "./webhook-payload";

describe("parseWebhookPayload", () => {
  it("reads the /patterns envelope: event, timestamp, data.email_id", () => {
    const json = {
      event: "email.received",
      timestamp: "2026-03-09T14:22:00.000Z",
      data: { email_id: "em_1", mailbox_id: "mb_1", from: "a@b.c", direction: "inbound", metadata: '{"session_id":"RM_1"}' },
    };
    const result = parseWebhookPayload(json);
    expect(result).toEqual({
      ok: true,
      event: {
        type: "email.received",
        kind: "received",
        emailId: "em_1",
        mailboxId: "mb_1",
        threadId: null,
        status: null,
        timestamp: "2026-03-09T14:22:00.000Z",
        metadata: { session_id: "RM_1" },
        bounceType: null,
        raw: json,
      },
    });
  });

  it("reads the use-case envelope: event_type, mailbox, message_id, thread_id", () => {
    const result = parseWebhookPayload({
      event_type: "message.bounced",
      mailbox: "mb_2",
      message_id: "em_2",
      thread_id: "th_2",
      timestamp: 1718000000000,
      bounce_type: "HardBounce",
    });
    expect(result.ok && result.event).toMatchObject({
      type: "message.bounced",
      kind: "bounced",
      emailId: "em_2",
      mailboxId: "mb_2",
      threadId: "th_2",
      timestamp: "2024-06-10T06:13:20.000Z",
      bounceType: "HardBounce",
    });
  });

  it("prefers data fields over top-level ones and reads a mailbox object", () => {
    const result = parseWebhookPayload({
      type: "oversight.approved",
      email_id: "top",
      data: { email_id: "inner", mailbox: { id: "mb_3" }, status: "approved" },
    });
    expect(result.ok && result.event).toMatchObject({ kind: "approved", emailId: "inner", mailboxId: "mb_3", status: "approved" });
  });

  it("accepts an unknown event name as kind unknown", () => {
    const result = parseWebhookPayload({ event: "email.opened", data: {} });
    expect(result.ok && result.event).toMatchObject({ type: "email.opened", kind: "unknown", emailId: null });
  });

  it("rejects only non-objects and a missing event type", () => {
    for (const junk of [null, "x", 3, [], [{ event: "a" }]]) {
      expect(parseWebhookPayload(junk)).toEqual({ ok: false, error: "payload is not a JSON object" });
    }
    const missing = parseWebhookPayload({ data: { email_id: "em_1" } });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error).toMatch(/missing event type/);
    expect(parseWebhookPayload({ event: "", data: "garbage" }).ok).toBe(false);
    expect(parseWebhookPayload({ event: "message.sent", data: "garbage" }).ok).toBe(true);
  });
});

describe("webhookEventKind", () => {
  it("maps by suffix across naming schemes", () => {
    expect(webhookEventKind("oversight.pending")).toBe("pending");
    expect(webhookEventKind("message.delivered")).toBe("delivered");
    expect(webhookEventKind("email:complaint")).toBe("complained");
    expect(webhookEventKind("MESSAGE.SENT")).toBe("sent");
    expect(webhookEventKind("rejected")).toBe("rejected");
    expect(webhookEventKind("message.received_late")).toBe("unknown");
  });

  it("builds a dedupe key from event, email id and status", () => {
    expect(webhookDedupeKey({ type: "oversight.approved", emailId: "em_1", status: null })).toBe("oversight.approved|em_1|-");
  });
});
