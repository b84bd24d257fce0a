import { describe, expect, it } from "vitest";
import {
  emailListSchema,
  isDecidedStatus,
  isPendingStatus,
  mailboxSchema,
  multiMailEmailSchema,
  pendingListSchema,
  sendResultSchema,
  toIsoTimestamp,
  webhookListSchema,
} from "./schemas";

describe("email normalisation", () => {
  it("prefers body_markdown, then markdown, body and text_body", () => {
    const body = (fields: object) => multiMailEmailSchema.parse({ id: "em_1", ...fields }).markdown;
    expect(body({ body_markdown: "a", markdown: "b", body: "c", text_body: "d" })).toBe("a");
    expect(body({ markdown: "b", body: "c" })).toBe("b");
    expect(body({ body: "c", text_body: "d" })).toBe("c");
    expect(body({ text_body: "d" })).toBe("d");
    expect(body({})).toBeNull();
  });

  it("reads the LC aliases and the JSON-string forms", () => {
    const email = multiMailEmailSchema.parse({
      id: 42,
      from_address: "x@y.z",
      to_addresses: '["a@b.c","d@e.f"]',
      cc: "g@h.i, j@k.l",
      created_at: "2026-03-09 14:22:00",
      metadata: '{"session_id":"RM_1"}',
      tags: '{"k":"v"}',
    });
    expect(email).toMatchObject({
      id: "42",
      from: "x@y.z",
      to: ["a@b.c", "d@e.f"],
      cc: ["g@h.i", "j@k.l"],
      receivedAt: "2026-03-09T14:22:00.000Z",
      metadata: { session_id: "RM_1" },
      tags: { k: "v" },
    });
  });

  it("keeps an unknown status, infers direction from a pending status, and ignores extra fields", () => {
    const email = multiMailEmailSchema.parse({ id: "em_1", status: "quarantined_v2", extra: { deep: true } });
    expect(email.status).toBe("quarantined_v2");
    expect(email).not.toHaveProperty("extra");
    expect(multiMailEmailSchema.parse({ id: "e", status: "pending_inbound_approval" }).direction).toBe("inbound");
    expect(multiMailEmailSchema.parse({ id: "e", status: "pending_send_approval" }).direction).toBe("outbound");
    expect(multiMailEmailSchema.parse({ id: "e" })).toMatchObject({ status: "unknown", direction: null, subject: "" });
  });

  it("keeps metadata null when it is not a JSON object, and drops junk in lenient fields", () => {
    const email = multiMailEmailSchema.parse({
      id: "em_1",
      metadata: "not json",
      subject: { nested: 1 },
      received_at: "yesterday-ish",
      attachments: [{ size: 3 }, { name: "a.pdf", size: "12", content_type: "application/pdf" }],
    });
    expect(email).toMatchObject({ metadata: null, subject: "", receivedAt: null, hasAttachments: true });
    expect(email.attachments).toEqual([{ name: "a.pdf", size: 12, contentType: "application/pdf" }]);
  });

  it("carries delivery, bounce and approval fields", () => {
    const email = multiMailEmailSchema.parse({
      id: "em_1",
      delivered_at: 1718000000000,
      bounced_at: "2026-03-09T15:00:00+01:00",
      bounce_type: "HardBounce",
      approved_at: "2026-03-09T14:00:00Z",
      approved_by: "key_1",
      thread_id: "th_1",
      has_attachments: 0,
    });
    expect(email).toMatchObject({
      deliveredAt: "2024-06-10T06:13:20.000Z",
      bouncedAt: "2026-03-09T14:00:00.000Z",
      bounceType: "HardBounce",
      approvedAt: "2026-03-09T14:00:00.000Z",
      approvedBy: "key_1",
      threadId: "th_1",
      hasAttachments: false,
    });
  });
});

describe("lists and results", () => {
  it("reads `emails`, else `pending`, else an empty list", () => {
    expect(pendingListSchema.parse({ emails: [{ id: "a" }] }).map((e) => e.id)).toEqual(["a"]);
    expect(pendingListSchema.parse({ pending: [{ id: "b" }] }).map((e) => e.id)).toEqual(["b"]);
    expect(pendingListSchema.parse({})).toEqual([]);
  });

  it("treats a missing or empty cursor as the last page", () => {
    expect(emailListSchema.parse({ emails: [] }).cursor).toBeNull();
    expect(emailListSchema.parse({ emails: [], cursor: 1718000000000 }).cursor).toBe("1718000000000");
  });

  it("reads webhook subscriptions under either key and fails without one", () => {
    expect(webhookListSchema.parse({ subscriptions: [{ id: "w" }] })[0]?.id).toBe("w");
    expect(webhookListSchema.safeParse({}).success).toBe(false);
  });

  it("needs a mailbox id and address, and defaults the flags", () => {
    expect(mailboxSchema.safeParse({ id: "mb_1" }).success).toBe(false);
    expect(mailboxSchema.parse({ id: "mb_1", address: "a@b.c", forward_inbound: "1", is_active: false })).toMatchObject({
      forwardInbound: true,
      isActive: false,
      defaultGateTiming: "gate_first",
      mcpConfigured: false,
    });
  });

  it("marks an already_sent replay as idempotent", () => {
    expect(sendResultSchema.parse({ id: "em_1", status: "already_sent" }).idempotent).toBe(true);
    expect(sendResultSchema.parse({ id: "em_1", status: "pending_scan" }).idempotent).toBe(false);
  });
});

describe("helpers", () => {
  it("classifies pending and decided statuses", () => {
    expect(["pending_send_approval", "pending_inbound_approval", "pending_scan"].every(isPendingStatus)).toBe(true);
    expect(isPendingStatus("pending_approval")).toBe(false);
    expect(isPendingStatus(null)).toBe(false);
    expect(["approved", "approved_and_sent", "rejected"].every(isDecidedStatus)).toBe(true);
    expect(isDecidedStatus("cancelled")).toBe(false);
  });

  it("turns epoch ms, epoch seconds and zone-less strings into ISO", () => {
    expect(toIsoTimestamp(1718000000000)).toBe("2024-06-10T06:13:20.000Z");
    expect(toIsoTimestamp(1718000000)).toBe("2024-06-10T06:13:20.000Z");
    expect(toIsoTimestamp("1718000000000")).toBe("2024-06-10T06:13:20.000Z");
    expect(toIsoTimestamp("2026-03-09T14:22:00")).toBe("2026-03-09T14:22:00.000Z");
    expect(toIsoTimestamp(0)).toBeNull();
    expect(toIsoTimestamp("soon")).toBeNull();
    expect(toIsoTimestamp(null)).toBeNull();
  });
});
