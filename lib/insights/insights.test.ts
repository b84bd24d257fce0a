import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { emails, mailboxes, reviewItems, revisions, voiceSessions, voiceTranscripts } from "@/lib/db/schema";
import { getInsights, mailboxLabels, NO_AGENT_LABEL } from "./get-insights";
import { insightsFiltersSchema } from "./schemas";
import { getTrustSuggestions, suggestTrustStep } from "./trust-ladder";

const NOW = new Date("2026-11-30T12:00:00Z");
const minutes = (n: number) => n * 60_000;
const daysAgo = (d: number, hour = 10) => new Date(Date.UTC(2026, 10, 30 - d, hour));

type ItemSeed = {
  key: string;
  mailbox: string;
  heldAt: Date;
  decidedAfter?: number;
  state: "pending" | "approved" | "rejected" | "edited" | "decided_elsewhere";
  decision?: "approve" | "reject" | "edit";
  reason?: string;
  findings?: number;
  dueAfter?: number;
  roomSid?: string;
  roomName?: string;
};

let seq = 0;
function item(s: ItemSeed): typeof reviewItems.$inferInsert {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    rootEmailId: `em_${s.key}`,
    currentEmailId: `em_${s.key}`,
    mailboxId: s.mailbox,
    state: s.state,
    heldAt: s.heldAt,
    decision: s.decision ?? null,
    decidedAt: s.decidedAfter === undefined ? null : new Date(s.heldAt.getTime() + minutes(s.decidedAfter)),
    decisionReason: s.reason ?? null,
    findingsCount: s.findings ?? 0,
    dueAt: s.dueAfter === undefined ? null : new Date(s.heldAt.getTime() + minutes(s.dueAfter)),
    roomSid: s.roomSid ?? null,
    roomName: s.roomName ?? null,
  };
}

/**
 * A known history. Decided in Countersign in the last 7 days (held → decision):
 *   a1 approve 10 min (SLA 60: met)   booking-agent (transcript)
 *   a2 approve 20 min, 2 findings (SLA 15: missed)   booking-agent
 *   a3 reject 30 min, 1 finding (SLA 60: met)   room "support-line"
 *   a4 reject 40 min   billing-agent (agent job)
 *   a5 edit saved at 5 min (re-send approved at 50), 2 words changed
 *   a6 edit saved at 60 min (still re-sending), 5 words changed
 *   b1 reject 100 min (mailbox B)
 * plus a7 decided in MultiMail, a8 still held, and a9 approved 40 days ago.
 */
async function seed(handle: DbHandle) {
  const { db } = handle;
  await db.insert(mailboxes).values([
    { id: "mb_a", address: "followups@acme.example", displayName: "Follow-ups", oversightMode: "gated_send", slaMinutes: 60 },
    { id: "mb_b", address: "support@acme.example", displayName: null, oversightMode: "gated_send" },
    { id: "mb_c", address: "clean@acme.example", oversightMode: "gated_send" },
    { id: "mb_d", address: "loose@acme.example", oversightMode: "monitored" },
  ]);
  const d = daysAgo(2);
  const rows = [
    item({ key: "a1", mailbox: "mb_a", heldAt: d, decidedAfter: 10, state: "approved", decision: "approve", dueAfter: 60, roomSid: "RM_1" }),
    item({ key: "a2", mailbox: "mb_a", heldAt: d, decidedAfter: 20, state: "approved", decision: "approve", findings: 2, dueAfter: 15, roomSid: "RM_2" }),
    item({
      key: "a3",
      mailbox: "mb_a",
      heldAt: d,
      decidedAfter: 30,
      state: "rejected",
      decision: "reject",
      reason: "Wrong date, time or amount (rejected by Ada <ada@example.com> in Countersign)",
      findings: 1,
      dueAfter: 60,
      roomName: "support-line",
    }),
    item({
      key: "a4",
      mailbox: "mb_a",
      heldAt: daysAgo(1),
      decidedAfter: 40,
      state: "rejected",
      decision: "reject",
      reason: "Wrong date, time or amount (rejected by bob@example.com in Countersign)",
      roomSid: "RM_4",
    }),
    item({ key: "a5", mailbox: "mb_a", heldAt: daysAgo(1), decidedAfter: 50, state: "approved", decision: "edit", reason: "Edited" }),
    item({ key: "a6", mailbox: "mb_a", heldAt: daysAgo(1), decidedAfter: 60, state: "edited", decision: "edit", reason: "Edited" }),
    item({ key: "a7", mailbox: "mb_a", heldAt: daysAgo(1), decidedAfter: 5, state: "decided_elsewhere", decision: "approve" }),
    item({ key: "a8", mailbox: "mb_a", heldAt: daysAgo(1), state: "pending" }),
    item({ key: "a9", mailbox: "mb_a", heldAt: daysAgo(40), decidedAfter: 10, state: "approved", decision: "approve" }),
    item({ key: "b1", mailbox: "mb_b", heldAt: daysAgo(3), decidedAfter: 100, state: "rejected", decision: "reject", reason: "Tone or wording not acceptable" }),
  ];
  // mb_c: 50 clean approvals, and before them a rejection that has left the window.
  for (let i = 0; i < 51; i++) {
    rows.push(
      item({
        key: `c${i}`,
        mailbox: "mb_c",
        heldAt: new Date(daysAgo(20).getTime() + minutes(i)),
        decidedAfter: 1,
        state: i === 0 ? "rejected" : "approved",
        decision: i === 0 ? "reject" : "approve",
        reason: i === 0 ? "Wrong recipient (rejected by Ada in Countersign)" : undefined,
      }),
    );
  }
  // mb_d (monitored): 10 decisions, 3 of them rejections.
  for (let i = 0; i < 10; i++) {
    const reject = i < 3;
    rows.push(
      item({
        key: `d${i}`,
        mailbox: "mb_d",
        heldAt: new Date(daysAgo(30).getTime() + minutes(i)),
        decidedAfter: 1,
        state: reject ? "rejected" : "approved",
        decision: reject ? "reject" : "approve",
      }),
    );
  }
  await db.insert(reviewItems).values(rows);
  const id = (key: string) => rows.find((r) => r.rootEmailId === `em_${key}`)!.id!;
  await db.insert(emails).values([
    { id: "em_a5", itemId: id("a5"), mailboxId: "mb_a", status: "rejected", markdown: "Your appointment is Tuesday at 3 PM" },
    { id: "em_a6", itemId: id("a6"), mailboxId: "mb_a", status: "rejected", markdown: "Hi Sam" },
  ]);
  const revision = (key: string, markdown: string, savedAfter: number, heldAt: Date) => ({
    itemId: id(key),
    number: 1,
    baseEmailId: `em_${key}`,
    subject: "Follow-up",
    markdown,
    toAddresses: ["caller@example.com"],
    contentHash: `hash-${key}`,
    author: "Ada",
    createdAt: new Date(heldAt.getTime() + minutes(savedAfter)),
  });
  await db.insert(revisions).values([
    revision("a5", "Your appointment is Wednesday at 4 PM", 5, daysAgo(1)),
    revision("a6", "Hi Sam, thanks for calling today", 60, daysAgo(1)),
    // A body data retention replaced by a note measures nothing.
    { ...revision("a5", "[removed after 30 days]", 40, daysAgo(1)), number: 2, purgedAt: NOW },
  ]);
  await db.insert(voiceTranscripts).values([
    { roomSid: "RM_1", jobId: "AJ_1", agentName: "booking-agent", items: [], itemCount: 0, bodySha256: "x1" },
    { roomSid: "RM_2", jobId: "AJ_2", agentName: "booking-agent", items: [], itemCount: 0, bodySha256: "x2" },
  ]);
  await db.insert(voiceSessions).values({
    roomSid: "RM_4",
    roomName: "call-4",
    jobs: [{ id: "AJ_4", agentName: "billing-agent", status: "JS_SUCCESS", startedAt: null, endedAt: null }],
  });
}

describe.each(dbKinds())("insights on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
    await seed(handle);
  });
  afterAll(async () => handle?.close());

  const filters = (q: Record<string, string>) => insightsFiltersSchema.parse(q);

  it("counts the week's decisions, rates, times, findings, SLA, reasons and edit size exactly", async () => {
    const insights = await getInsights(handle.db, filters({ days: "7" }), NOW);
    expect(insights.held).toBe(9);
    expect(insights.total).toEqual({
      decided: 7,
      approved: 2,
      edited: 2,
      rejected: 3,
      decidedElsewhere: 1,
      // 5, 10, 20, 30, 40, 60, 100 minutes
      medianDecisionSeconds: 1800,
      p90DecisionSeconds: expect.closeTo(4560, 6),
      findingsPerDraft: expect.closeTo(3 / 7, 6),
      approvedWithFindings: 1,
      withSla: 3,
      slaMet: 2,
    });
    expect(insights.reasons).toEqual([
      { reason: "Wrong date, time or amount", count: 2 },
      { reason: "Tone or wording not acceptable", count: 1 },
    ]);
    expect(insights.editSize).toEqual({ edits: 2, medianWordsChanged: 3.5 });
    expect(insights.anySla).toBe(true);
    expect(insights.days).toHaveLength(7);
    expect(insights.days.filter((d) => d.approved + d.edited + d.rejected > 0)).toEqual([
      { day: "2026-11-27", approved: 0, edited: 0, rejected: 1 },
      { day: "2026-11-28", approved: 2, edited: 0, rejected: 1 },
      { day: "2026-11-29", approved: 0, edited: 2, rejected: 1 },
    ]);
  });

  it("breaks the numbers down per mailbox and per agent, and filters by either", async () => {
    const insights = await getInsights(handle.db, filters({ days: "7" }), NOW);
    expect(insights.byMailbox.map((m) => [m.label, m.decided, m.rejected, m.decidedElsewhere])).toEqual([
      ["Follow-ups <followups@acme.example>", 6, 2, 1],
      ["support@acme.example", 1, 1, 0],
    ]);
    expect(insights.byAgent.map((a) => [a.label, a.decided, a.approved, a.edited, a.rejected])).toEqual([
      [NO_AGENT_LABEL, 3, 0, 2, 1],
      ["booking-agent", 2, 2, 0, 0],
      ["billing-agent", 1, 0, 0, 1],
      ["support-line", 1, 0, 0, 1],
    ]);

    const booking = await getInsights(handle.db, filters({ days: "7", agent: "booking-agent" }), NOW);
    expect([booking.held, booking.total.decided, booking.total.approved, booking.total.approvedWithFindings]).toEqual([2, 2, 2, 1]);
    expect(booking.total.medianDecisionSeconds).toBe(900);

    const support = await getInsights(handle.db, filters({ days: "7", mailbox: "mb_b" }), NOW);
    expect([support.held, support.total.decided, support.total.rejected, support.total.withSla]).toEqual([1, 1, 1, 0]);
    expect(support.reasons).toEqual([{ reason: "Tone or wording not acceptable", count: 1 }]);
  });

  it("widens with the period and falls back to 30 days on a period it does not offer", async () => {
    const quarter = await getInsights(handle.db, filters({ days: "90", mailbox: "mb_a" }), NOW);
    expect([quarter.total.decided, quarter.total.approved]).toEqual([7, 3]);
    expect(filters({ days: "12" }).days).toBe(30);
    const month = await getInsights(handle.db, filters({ days: "oops" }), NOW);
    // mb_c's 51 and mb_d's 10 decisions are 20 and 30 days old: only mb_c's are in the last 30 days.
    expect(month.total.decided).toBe(7 + 51);
    expect(month.days).toHaveLength(30);
  });

  it("suggests the trust-ladder step from each mailbox's last 50 decisions", async () => {
    const suggestions = await getTrustSuggestions(handle.db, ["mb_a", "mb_b", "mb_c", "mb_d"], await mailboxLabels(handle.db));
    const by = Object.fromEntries(suggestions.map((s) => [s.mailboxId, s]));
    expect(by.mb_c).toMatchObject({
      kind: "upgrade",
      targetMode: "monitored",
      basis: "50 of the last 50 approved unedited; 0 edited; 0 rejected; 0 findings ignored",
    });
    expect(by.mb_d).toMatchObject({ kind: "downgrade", targetMode: "gated_send", basis: "7 of the last 10 approved unedited; 0 edited; 3 rejected; 0 findings ignored" });
    // 6 decisions (a7 was decided in MultiMail, a9 counts: it is among the last 50).
    expect(by.mb_a).toMatchObject({ kind: "keep", basis: "3 of the last 7 approved unedited; 2 edited; 2 rejected; 1 finding ignored" });
    expect(by.mb_b!.kind).toBe("keep");
  });
});

describe("the trust-ladder rule", () => {
  const w = (approvedUnedited: number, edited: number, rejected: number, findingsIgnored = 0) => ({
    decisions: approvedUnedited + edited + rejected,
    approvedUnedited,
    edited,
    rejected,
    findingsIgnored,
  });

  it("asks for 50 clean approvals in a row before an upgrade", () => {
    expect(suggestTrustStep("m", "m", "gated_send", w(50, 0, 0)).kind).toBe("upgrade");
    expect(suggestTrustStep("m", "m", "gated_send", w(49, 0, 0)).kind).toBe("keep");
    expect(suggestTrustStep("m", "m", "gated_send", w(48, 1, 1)).basis).toBe("48 of the last 50 approved unedited; 1 edited; 1 rejected; 0 findings ignored");
    expect(suggestTrustStep("m", "m", "gated_send", w(48, 1, 1)).kind).toBe("keep");
    expect(suggestTrustStep("m", "m", "gated_send", w(50, 0, 0, 1))).toMatchObject({ kind: "keep", headline: expect.stringContaining("failing evidence check") });
    expect(suggestTrustStep("m", "m", "autonomous", w(50, 0, 0)).kind).toBe("keep");
  });

  it("warns above 20% edits and rejections, from 10 decisions on", () => {
    expect(suggestTrustStep("m", "m", "gated_send", w(40, 5, 5)).kind).toBe("keep"); // exactly 20%
    expect(suggestTrustStep("m", "m", "gated_send", w(39, 6, 5))).toMatchObject({ kind: "stay", headline: expect.stringContaining("22%") });
    expect(suggestTrustStep("m", "m", "monitored", w(39, 6, 5))).toMatchObject({ kind: "downgrade", targetMode: "gated_send" });
    expect(suggestTrustStep("m", "m", "gated_send", w(5, 2, 2)).kind).toBe("keep"); // 9 decisions say too little
  });
});
