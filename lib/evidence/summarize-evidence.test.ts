import { describe, expect, it } from "vitest";

import type { Finding } from "./schemas";
import { problemsLabel, summarizeEvidence, verdictOf } from "./summarize-evidence";

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
