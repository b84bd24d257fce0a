import { describe, expect, it } from "vitest";

import type { Finding } from "./schemas";
import { explainNoSession, NO_SESSION, problemsLabel, summarizeEvidence, verdictOf } from "./summarize-evidence";

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: "x-0",
    kind: "date",
    status: "supported",
    text: "Friday",
    part: "body",
    start: 0,
    end: 6,
    message: "",
    turnIds: [],
    needsConfirmation: false,
    ...overrides,
  };
}

describe("summarizeEvidence", () => {
  it("counts each finding once: problems, not checked, supported, notes", () => {
    const summary = summarizeEvidence({
      findings: [
        finding({ kind: "agent_note", status: "info", part: null }),
        finding({ kind: "recipient", status: "unknown", needsConfirmation: true, part: null }),
        finding({ status: "unsupported" }),
        finding({ status: "mismatch" }),
        finding({ status: "supported" }),
        finding({ status: "unknown" }),
      ],
    });
    expect(summary).toEqual({ problems: 3, recipientsToConfirm: 1, unverified: 1, supported: 1, notes: 1, label: "3 problems · 1 supported · 1 not checked" });
  });

  it("counts a mismatched recipient as one problem, not two", () => {
    const summary = summarizeEvidence({ findings: [finding({ kind: "recipient", status: "mismatch", needsConfirmation: true })] });
    expect(summary).toMatchObject({ problems: 1, recipientsToConfirm: 1, label: "1 problem · 0 supported" });
  });

  it("does not count the agent's note or a reply recipient MultiMail chose", () => {
    const summary = summarizeEvidence({
      findings: [finding({ kind: "agent_note", status: "info" }), finding({ kind: "recipient", status: "info" }), finding({ status: "supported" })],
    });
    expect(summary).toMatchObject({ problems: 0, notes: 2, label: "0 problems · 1 supported" });
  });

  it("reads each status as a reviewer would", () => {
    expect(verdictOf({ status: "unknown", needsConfirmation: true })).toBe("problem");
    expect(verdictOf({ status: "unknown", needsConfirmation: false })).toBe("unverified");
    expect(verdictOf({ status: "info", needsConfirmation: false })).toBe("note");
    expect([0, 1, 2].map(problemsLabel)).toEqual(["0 problems", "1 problem", "2 problems"]);
  });
});

describe("an email without a voice session", () => {
  it("says there is no call to check against, instead of waiting for a transcript", () => {
    const report = {
      findings: [
        finding({
          id: "r-0",
          kind: "recipient",
          status: "unknown",
          message: "none in the call metadata and the transcript is not available yet",
          needsConfirmation: true,
        }),
        finding({ id: "d-0", status: "unknown", message: "transcript not available yet" }),
        finding({ id: "n-0", kind: "agent_note", status: "info", message: "Agent note: check the date" }),
      ],
    };
    const none = explainNoSession({ report, transcriptState: "none" });
    expect(none.report.findings.map((f) => f.message)).toEqual([NO_SESSION, "no call to check it against", "Agent note: check the date"]);
    expect(NO_SESSION).toBe("This email has no voice session: there is no call to check it against");
    // Still counted the same way: the recipient waits for the reviewer.
    expect(summarizeEvidence(none.report).problems).toBe(1);
    // A session whose transcript is on its way keeps its own words.
    expect(explainNoSession({ report, transcriptState: "pending" }).report.findings[1]!.message).toBe("transcript not available yet");
  });
});
