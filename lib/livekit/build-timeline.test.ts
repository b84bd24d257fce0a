import { describe, expect, it } from "vitest";
import { buildTimeline } from "./build-timeline";
import { chatItemSchema, type ChatItem } from "./transcript-upload";

const items = (raw: object[]): ChatItem[] => raw.map((r) => chatItemSchema.parse(r));

describe("the transcript timeline", () => {
  it("shows who spoke when, from call start, with interruptions and low-confidence speech marked", () => {
    const { entries } = buildTimeline(
      items([
        { id: "item_1", type: "message", role: "assistant", content: ["Hello, Acme Dental."], created_at: 1000 },
        {
          id: "item_2",
          type: "message",
          role: "user",
          content: ["Hi, I need to move my appointment", { type: "audio_content" }],
          transcript_confidence: 0.4,
          created_at: 1062.7,
        },
        { id: "item_3", type: "message", role: "assistant", content: ["Sure, which—"], interrupted: true, created_at: 4725 },
      ]),
      { callStart: 995, callerLabel: "Maria", agentLabel: "frontdesk" },
    );
    expect(entries.map((e) => (e.kind === "message" ? [e.label, e.at, e.speaker, e.interrupted] : e.kind))).toEqual([
      ["frontdesk", "00:05", "agent", false],
      ["Maria", "01:07", "caller", false],
      ["frontdesk", "1:02:10", "agent", true],
    ]);
    expect(entries[1]).toMatchObject({ confidence: 0.4, hiddenParts: 1, text: "Hi, I need to move my appointment" });
  });

  it("folds a tool call and its output into one entry that answers for both ids", () => {
    const { entries, anchors } = buildTimeline(
      items([
        { id: "item_c", type: "function_call", call_id: "call_7", name: "book", arguments: '{"day":"tue"}', created_at: 10 },
        { id: "item_o", type: "function_call_output", call_id: "call_7", name: "book", output: '{"ok":true}', created_at: 11 },
        { type: "function_call_output", call_id: "call_orphan", name: "lookup", output: "nothing", is_error: true, created_at: 12 },
      ]),
      { callStart: 10 },
    );
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ kind: "tool", name: "book", arguments: '{"day":"tue"}', output: '{"ok":true}', isError: false, at: "00:00" });
    expect(anchors.item_o?.anchorId).toBe(entries[0]?.anchorId);
    expect(anchors.item_c?.anchorId).toBe(entries[0]?.anchorId);
    expect(anchors.call_7?.anchorId).toBe(entries[0]?.anchorId);
    expect(entries[1]).toMatchObject({ kind: "tool", name: "lookup", output: "nothing", isError: true, arguments: "" });
  });

  it("shows handoffs and unknown item types, and makes every anchor a unique, safe fragment", () => {
    const { entries } = buildTimeline(
      items([
        { id: "a b#1", type: "message", role: "user", content: ["x"] },
        { id: "a b#1", type: "message", role: "user", content: ["y"] },
        { id: "h1", type: "agent_handoff", old_agent_id: "intake", new_agent_id: "billing" },
        { id: "u1", type: "agent_thought", note: "?" },
        { id: "g1", type: "agent_config_update", tools_added: ["refund"] },
      ]),
      { callStart: null },
    );
    expect(entries.map((e) => e.anchorId)).toEqual(["turn-a_b_1", "turn-a_b_1-2", "turn-h1", "turn-u1", "turn-g1"]);
    expect(entries[2]).toMatchObject({ kind: "handoff", from: "intake", to: "billing", at: null });
    expect(entries[3]).toMatchObject({ kind: "event", label: "agent thought" });
    expect(entries[4]).toMatchObject({ kind: "event", detail: "tools added: refund" });
  });
});
