import { describe, expect, it } from "vitest";
import { actionLabel, actorOf, actorText, detailsText, foldClaimNoise, foldedSummary, summarizeAudit } from "./summarize-audit";

describe("audit entries in words", () => {
  it("names every action a person reads, never the raw key", () => {
    expect(actionLabel("decision.delivered")).toBe("Decision sent to MultiMail");
    expect(actionLabel("auth.sign_in_failed")).toBe("Sign-in failed");
    expect(actionLabel("claim.taken_over")).toBe("Review taken over");
    // An action added later still reads as words.
    expect(actionLabel("sla.breached_twice")).toBe("Sla: breached twice");
  });

  it("says what happened as text, with no JSON", () => {
    expect(summarizeAudit("decision.delivered", { action: "approve", upstreamStatus: "approved_and_sent" })).toBe(
      "MultiMail acknowledged the approval (approved_and_sent)",
    );
    expect(summarizeAudit("user.role_changed", { userId: "u1", email: "bo@example.com", from: "viewer", to: "reviewer" })).toBe(
      "Changed bo@example.com from viewer to reviewer",
    );
    expect(summarizeAudit("invite.created", { inviteId: "i1", role: "reviewer", email: null })).toBe("Invited anyone with the link as reviewer");
    const settings = summarizeAudit("settings.changed", { fourEyes: true, undoGraceSeconds: 30 });
    expect(settings).toBe("Settings changed: four eyes: on · undo grace seconds: 30");
    const unknown = summarizeAudit("webhook.rejected", { reason: "bad signature", headers: { "webhook-id": "msg_1" } });
    expect(unknown).toBe("Webhook refused: reason: bad signature · headers: webhook id msg_1");
    for (const text of [settings, unknown]) expect(text).not.toMatch(/[{}"]/);
  });

  it("words the undo, bulk, SLA and export entries", () => {
    expect(summarizeAudit("decision.undone", { state: "approved" })).toBe("Undone before it went to MultiMail: back in the queue as it was");
    expect(
      summarizeAudit("decision.bulk", {
        action: "approve",
        selection: "selected",
        requested: 4,
        count: 3,
        decided: ["a", "b", "c"],
        leftOut: [{ itemId: "d", status: "needs_confirmation" }],
      }),
    ).toBe("Approved 3 of 4 emails in bulk (a selection); 1 left out for a reviewer to open");
    expect(summarizeAudit("decision.bulk", { action: "reject", reason: "Duplicate", selection: "filter", capped: true, requested: 500, count: 500, leftOut: [] })).toBe(
      "Rejected 500 of 500 emails in bulk (every held email matching a filter, capped): Duplicate",
    );
    expect(summarizeAudit("sla.changed", { mailboxId: "mb1", address: "followups@example.com", from: null, to: 30 })).toBe(
      "SLA of followups@example.com set to 30 minutes from the call's end",
    );
    expect(summarizeAudit("sla.changed", { mailboxId: "mb1", address: "followups@example.com", from: 30, to: null })).toBe(
      "SLA of followups@example.com removed (was 30)",
    );
    expect(summarizeAudit("evidence.exported", { format: "html" })).toBe("Exported the evidence bundle (printable page)");
    for (const action of ["decision.undone", "decision.bulk", "sla.changed", "evidence.exported"]) expect(actionLabel(action)).not.toMatch(/:/);
  });

  it("leaves identifiers out of the words", () => {
    expect(detailsText({ userId: "u1", keyId: "k", note: "rotated" })).toBe("note: rotated");
    expect(detailsText({})).toBe("");
  });

  it("reads an actor as name and address, or as the system that acted", () => {
    expect(actorOf("Ada Lovelace <ada@example.com>")).toEqual({ kind: "person", name: "Ada Lovelace", email: "ada@example.com" });
    expect(actorOf("ada@example.com", new Map([["ada@example.com", "Ada Lovelace"]]))).toEqual({ kind: "person", name: "Ada Lovelace", email: "ada@example.com" });
    expect(actorOf("Bo@Example.com")).toEqual({ kind: "person", name: null, email: "Bo@Example.com" });
    expect(actorOf("multimail")).toMatchObject({ kind: "multimail", name: "MultiMail" });
    expect(actorOf("system")).toMatchObject({ kind: "system", name: "Countersign" });
    expect(actorOf("agent:Front desk")).toMatchObject({ kind: "agent", name: "Agent key “Front desk”" });
    expect(actorText(actorOf("ada@example.com", new Map([["ada@example.com", "Ada"]])))).toBe("Ada <ada@example.com>");
  });
});

describe("claim noise", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));
  const entry = (id: number, actor: string, action: string, itemId: string | null, minute: number) => ({ id, actor, action, itemId, at: at(minute) });

  it("folds a person opening and leaving the same email, newest first, into one line with a count", () => {
    const folded = foldClaimNoise([
      entry(9, "ada@example.com", "claim.released", "item-1", 40),
      entry(8, "Ada Lovelace <ada@example.com>", "claim.taken", "item-1", 30),
      entry(7, "ada@example.com", "claim.released", "item-1", 20),
      entry(6, "ada@example.com", "claim.taken", "item-1", 10),
      entry(5, "ada@example.com", "claim.taken", "item-1", 5),
    ]);
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({ id: 9, count: 5, opened: 3, left: 2, at: at(40), firstAt: at(5) });
    expect(foldedSummary(folded[0]!, "ignored")).toBe("Opened for review 3 times, left it twice");
  });

  it("keeps apart other people, other emails, take-overs and anything in between", () => {
    const folded = foldClaimNoise([
      entry(10, "ada@example.com", "claim.taken", "item-1", 50),
      entry(9, "bo@example.com", "claim.taken", "item-1", 45),
      entry(8, "ada@example.com", "claim.taken", "item-2", 40),
      entry(7, "ada@example.com", "claim.taken", "item-2", 39),
      entry(6, "ada@example.com", "decision.recorded", "item-2", 35),
      entry(5, "ada@example.com", "claim.taken", "item-2", 30),
      entry(4, "ada@example.com", "claim.taken_over", "item-2", 25),
      entry(3, "ada@example.com", "claim.taken", "item-2", 20),
      entry(2, "ada@example.com", "auth.signed_in", null, 10),
      entry(1, "ada@example.com", "auth.signed_in", null, 5),
    ]);
    expect(folded.map((f) => [f.id, f.count])).toEqual([
      [10, 1],
      [9, 1],
      [8, 2],
      [6, 1],
      [5, 1],
      [4, 1],
      [3, 1],
      [2, 1],
      [1, 1],
    ]);
    expect(foldedSummary(folded[0]!, "Opened for review")).toBe("Opened for review");
  });
});
