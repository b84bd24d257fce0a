import { describe, expect, it } from "vitest";

import { checkDraft } from "./check-draft";
import { checkDraftInputSchema, evidenceReportSchema, type CheckDraftInput } from "./schemas";
import type { TranscriptItem } from "./transcript";

const START = 1_741_622_400; // Monday 2025-03-10T16:00:00Z

const transcript: TranscriptItem[] = [
  { id: "item_a1", type: "message", role: "assistant", content: ["Thanks for calling."], interrupted: false, created_at: START + 1 },
  { id: "item_u1", type: "message", role: "user", content: ["Friday at 3pm, it's ann at acme dot com"], interrupted: false, created_at: START + 20 },
];

function input(overrides: Partial<CheckDraftInput> = {}): CheckDraftInput {
  return {
    draft: { to: ["ann@acme.com"], subject: "Friday at 3pm", markdown: "Booked: **Friday at 3pm**. Deposit $50." },
    transcript,
    callStartedAt: START,
    ...overrides,
  };
}

describe("checkDraft", () => {
  it("orders agent note, recipients, then specifics (subject first) with stable ids", () => {
    const report = checkDraft(input({ agent: { note: "Caller unsure about Friday", confidence: 0.9, evidenceItemIds: ["item_u1"] } }));
    expect(report.findings.map((f) => [f.id, f.kind, f.status, f.part, f.text])).toEqual([
      ["agent_note-0", "agent_note", "info", null, "Caller unsure about Friday"],
      ["recipient-0", "recipient", "supported", null, "ann@acme.com"],
      ["weekday-0", "weekday", "supported", "subject", "Friday at 3pm"],
      ["weekday-1", "weekday", "supported", "body", "Friday at 3pm"],
      ["money-0", "money", "unsupported", "body", "$50"],
    ]);
    expect(report.findings[0]).toMatchObject({ message: "Agent note: Caller unsure about Friday (agent confidence 90%)", turnIds: ["item_u1"] });
    expect(report.counts).toEqual({ supported: 3, unsupported: 1, mismatch: 0, unknown: 0 });
    expect(report.recipientOk).toBe(true);
    expect(report.transcriptAvailable).toBe(true);
    expect(evidenceReportSchema.safeParse(report).success).toBe(true);
  });

  it("gives offsets into the subject or the raw markdown", () => {
    const report = checkDraft(input());
    for (const f of report.findings.filter((x) => x.part !== null)) {
      const source = f.part === "subject" ? input().draft.subject : input().draft.markdown;
      expect(source.slice(f.start ?? 0, f.end ?? 0)).toBe(f.text);
    }
  });

  it("raises an info finding for low confidence alone, not for 0.8", () => {
    expect(checkDraft(input({ agent: { confidence: 0.42 } })).findings[0]).toMatchObject({
      kind: "agent_note",
      status: "info",
      text: "confidence 42%",
      message: "Agent confidence 42% is below 80%",
      needsConfirmation: false,
    });
    expect(checkDraft(input({ agent: { confidence: 0.8, note: "  " } })).findings[0]?.kind).toBe("recipient");
  });

  it("is not recipientOk with no recipients or one unconfirmed", () => {
    expect(checkDraft(input({ draft: { to: [], subject: "", markdown: "" } })).recipientOk).toBe(false);
    expect(checkDraft(input({ draft: { to: ["ann@acme.com", "bob@acme.com"], subject: "", markdown: "" } })).recipientOk).toBe(false);
  });

  it("reports the transcript as unavailable and specifics as unknown", () => {
    const report = checkDraft(input({ transcript: null, caller: { email: "ANN@acme.com" } }));
    expect(report.transcriptAvailable).toBe(false);
    expect(report.counts).toEqual({ supported: 1, unsupported: 0, mismatch: 0, unknown: 3 });
    expect(report.recipientOk).toBe(true);
  });

  it("resolves relative days from the call, not from today", () => {
    const draft = { to: [], subject: "", markdown: "See you on March 11" };
    const said: TranscriptItem[] = [{ id: "item_u1", type: "message", role: "user", content: ["Tomorrow please"], created_at: START + 5 }];
    expect(checkDraft({ draft, transcript: said, callStartedAt: START }).findings[0]?.status).toBe("supported");
    // Without callStartedAt the first item's time is the call start.
    expect(checkDraft({ draft, transcript: said }).findings[0]?.status).toBe("supported");
    expect(checkDraft({ draft, transcript: said, referenceDate: new Date("2025-03-11T12:00:00Z") }).findings[0]?.status).toBe("unsupported");
  });

  it("measures turn times from callStartedAt", () => {
    const report = checkDraft(input({ callStartedAt: START - 60 }));
    expect(report.findings.find((f) => f.kind === "recipient")?.message).toBe("spelled out by the caller at 01:20");
  });

  it("takes parsed JSON input (ISO referenceDate) through checkDraftInputSchema", () => {
    const parsed = checkDraftInputSchema.parse(JSON.parse(JSON.stringify({ ...input(), referenceDate: "2025-03-10T16:00:00Z" })));
    expect(parsed.referenceDate).toBeInstanceOf(Date);
    expect(checkDraft(parsed).counts.supported).toBe(3);
  });
});
