import { describe, expect, it } from "vitest";

import { checkDraft } from "./check-draft";
import type { CheckDraftInput } from "./schemas";
import type { TranscriptItem } from "./transcript";

const START = 1_741_622_400; // 2025-03-10T16:00:00Z

function say(id: string, role: "user" | "assistant", text: string, second: number): TranscriptItem {
  return { id, type: "message", role, content: [text], interrupted: false, created_at: START + second };
}

function recipients(input: Partial<CheckDraftInput> & { to: string[] }) {
  const report = checkDraft({
    draft: { to: input.to, subject: "Follow-up", markdown: "Thanks for calling." },
    transcript: input.transcript === undefined ? [] : input.transcript,
    callStartedAt: START,
    caller: input.caller ?? null,
  });
  return report.findings.filter((f) => f.kind === "recipient");
}

describe("recipient check", () => {
  it("supports the caller's metadata email, ignoring case, spaces and display names", () => {
    const [finding] = recipients({ to: [" Jane Doe <Jane.Doe@Example.com> "], caller: { email: "jane.doe@example.com " } });
    expect(finding).toMatchObject({
      status: "supported",
      needsConfirmation: false,
      text: " Jane Doe <Jane.Doe@Example.com> ",
      start: null,
      part: null,
      message: "matches the caller's email in the call metadata",
    });
  });

  it.each([
    ["my email is john dot smith at gmail dot com", "john.smith@gmail.com"],
    ["it's j o h n at example dot com", "john@example.com"],
    ["sure, john.smith@gmail.com", "john.smith@gmail.com"],
  ])("supports an address the caller spelled: %s", (spoken, address) => {
    const [finding] = recipients({ to: [address], transcript: [say("item_u1", "user", spoken, 42)] });
    expect(finding).toMatchObject({ status: "supported", turnIds: ["item_u1"], message: "spelled out by the caller at 00:42" });
  });

  it("flags a different address when the caller's is known", () => {
    const [finding] = recipients({
      to: ["john.smith@gmail.com"],
      transcript: [say("item_u1", "user", "it's john smith at gmail dot com", 65)],
    });
    expect(finding).toMatchObject({
      status: "mismatch",
      needsConfirmation: true,
      turnIds: ["item_u1"],
      message: "not the caller's address: the caller spelled johnsmith@gmail.com (at 01:05)",
    });
  });

  it("flags an address that differs from the metadata one", () => {
    const [finding] = recipients({ to: ["maria.gonzales@outlook.com"], caller: { email: "maria.gonzalez@outlook.com" } });
    expect(finding).toMatchObject({
      status: "mismatch",
      needsConfirmation: true,
      message: "not the caller's address: the call metadata has maria.gonzalez@outlook.com",
    });
  });

  it("does not take the agent's read-back as the caller's word", () => {
    const [finding] = recipients({
      to: ["mark@gmail.com"],
      transcript: [say("item_a1", "assistant", "I'll send it to mark at gmail dot com", 30), say("item_u1", "user", "okay", 33)],
    });
    expect(finding).toMatchObject({ status: "unknown", needsConfirmation: true, turnIds: ["item_a1"] });
    expect(finding?.message).toBe(
      "no caller address to compare with: none in the call metadata or spelled out by the caller; the agent said it (said by the agent at 00:30) but the caller did not",
    );
  });

  it("is unknown when no address is known, and says why when the transcript is missing", () => {
    expect(recipients({ to: ["a@b.com"] })[0]).toMatchObject({ status: "unknown", needsConfirmation: true });
    expect(recipients({ to: ["a@b.com"], transcript: null })[0]?.message).toBe(
      "no caller address to compare with: none in the call metadata and the transcript is not available yet",
    );
  });

  it("still checks against the caller when the transcript is missing", () => {
    expect(recipients({ to: ["a@b.com"], transcript: null, caller: { email: "A@B.com" } })[0]).toMatchObject({ status: "supported" });
  });

  it("rejects something that is not an address", () => {
    expect(recipients({ to: ["john at gmail"], caller: { email: "john@gmail.com" } })[0]).toMatchObject({
      status: "mismatch",
      needsConfirmation: true,
      message: '"john at gmail" is not a valid email address',
    });
  });

  it("gives one finding per address", () => {
    const findings = recipients({
      to: ["dlee@icloud.com", "anna.lee@icloud.com", "x@y.com"],
      caller: { email: "dlee@icloud.com" },
      transcript: [say("item_u1", "user", "cc my wife, anna dot lee at icloud dot com", 20)],
    });
    expect(findings.map((f) => [f.id, f.status])).toEqual([
      ["recipient-0", "supported"],
      ["recipient-1", "supported"],
      ["recipient-2", "mismatch"],
    ]);
  });
});
