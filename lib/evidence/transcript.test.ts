import { describe, expect, it } from "vitest";

import { firstCreatedAt, flattenTranscript, transcriptSchema } from "./transcript";

const history = {
  items: [
    { id: "item_cfg", type: "agent_config_update", instructions: "Be brief.", tools_added: [], tools_removed: [], created_at: 99.5 },
    { id: "item_sys", type: "message", role: "system", content: ["You are a receptionist."], interrupted: false, created_at: 100 },
    { id: "item_a1", type: "message", role: "assistant", content: ["Hello,", "how can I help?"], interrupted: true, created_at: 100.4 },
    {
      id: "item_u1",
      type: "message",
      role: "user",
      content: ["Book me in", { type: "audio_content" }],
      interrupted: false,
      transcript_confidence: 0.91,
      created_at: 104.2,
    },
    { id: "item_fc", type: "function_call", call_id: "call_1", name: "book", arguments: '{"at":"2025-03-14T15:00"}', created_at: 105 },
    { id: "item_fo", type: "function_call_output", call_id: "call_1", name: "book", output: '{"ref":"BK-1"}', is_error: false, created_at: 105.6 },
    { type: "function_call_output", call_id: "call_2", name: "book", output: "slot taken", is_error: true, created_at: 106 },
    { type: "function_call_output", call_id: "call_3", name: "lookup", output: "found", created_at: 107 },
    { id: "item_h", type: "agent_handoff", old_agent_id: "triage", new_agent_id: "booking", created_at: 108 },
    { id: "item_empty", type: "message", role: "user", content: [], interrupted: false, created_at: 109 },
    { type: "something_new", payload: 1 },
  ],
};

describe("transcriptSchema", () => {
  it("accepts chat_history with unknown item types kept", () => {
    const items = transcriptSchema.parse(history);
    expect(items).toHaveLength(history.items.length);
    expect(items.at(-1)).toMatchObject({ type: "something_new", payload: 1 });
  });

  it("accepts a bare items array", () => {
    expect(transcriptSchema.parse(history.items)).toHaveLength(history.items.length);
  });

  it("rejects items without a type", () => {
    expect(transcriptSchema.safeParse([{ id: "x" }]).success).toBe(false);
  });
});

describe("flattenTranscript", () => {
  it("keeps caller and agent messages and successful tool outputs, in order", () => {
    const turns = flattenTranscript(transcriptSchema.parse(history));
    expect(turns).toEqual([
      { id: "item_a1", role: "assistant", text: "Hello, how can I help?", createdAt: 100.4, toolName: null },
      { id: "item_u1", role: "user", text: "Book me in", createdAt: 104.2, toolName: null },
      { id: "item_fo", role: "tool", text: '{"ref":"BK-1"}', createdAt: 105.6, toolName: "book" },
      { id: "call_3", role: "tool", text: "found", createdAt: 107, toolName: "lookup" },
    ]);
  });

  it("accepts string content and missing timestamps", () => {
    const turns = flattenTranscript([{ id: "item_1", type: "message", role: "user", content: "hi there" }]);
    expect(turns).toEqual([{ id: "item_1", role: "user", text: "hi there", createdAt: null, toolName: null }]);
  });
});

describe("firstCreatedAt", () => {
  it("is the earliest timestamp of any item", () => {
    expect(firstCreatedAt(transcriptSchema.parse(history))).toBe(99.5);
    expect(firstCreatedAt([{ type: "message" }])).toBeNull();
  });
});
