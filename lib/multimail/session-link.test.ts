import { describe, expect, it } from "vitest";
import { readSessionLink, sessionLinkSchema } from "./session-link";

const EMPTY = {
  sessionId: null,
  roomSid: null,
  roomName: null,
  jobId: null,
  callerIdentity: null,
  callerEmail: null,
  callerName: null,
  transcriptUrl: null,
  evidenceItemIds: [],
  agentName: null,
  agentNote: null,
  agentConfidence: null,
  draftedAt: null,
};

describe("readSessionLink", () => {
  it("reads flat snake_case metadata; an RM_ session id is the room sid", () => {
    const link = readSessionLink({
      metadata: {
        session_id: "RM_abc",
        job_id: "AJ_1",
        caller_identity: "sip_+4412",
        caller_email: "c@x.dev",
        caller_name: "Ada",
        transcript_url: "https://t.example/RM_abc",
        evidence_item_ids: ["item_1", "item_2", "item_1"],
        agent_name: "concierge",
        note: "Caller asked twice",
        confidence: "0.82",
        drafted_at: 1718000000000,
      },
    });
    expect(link).toEqual({
      ...EMPTY,
      sessionId: "RM_abc",
      roomSid: "RM_abc",
      jobId: "AJ_1",
      callerIdentity: "sip_+4412",
      callerEmail: "c@x.dev",
      callerName: "Ada",
      transcriptUrl: "https://t.example/RM_abc",
      evidenceItemIds: ["item_1", "item_2"],
      agentName: "concierge",
      agentNote: "Caller asked twice",
      agentConfidence: 0.82,
      draftedAt: "2024-06-10T06:13:20.000Z",
    });
    expect(sessionLinkSchema.safeParse(link).success).toBe(true);
  });

  it("prefers a nested voice object (livekit.md §3.4, camelCase) over flat metadata", () => {
    const link = readSessionLink({
      metadata: JSON.stringify({
        agent_name: "flat",
        voice: {
          provider: "livekit",
          roomName: "call-42",
          roomSid: "RM_9",
          jobId: "AJ_9",
          agentName: "nested",
          callerIdentity: "web-1",
          evidenceItemIds: ["item_a"],
          draftedAt: "2026-03-09T14:22:00Z",
        },
      }),
    });
    expect(link).toMatchObject({
      roomName: "call-42",
      roomSid: "RM_9",
      jobId: "AJ_9",
      agentName: "nested",
      evidenceItemIds: ["item_a"],
      draftedAt: "2026-03-09T14:22:00.000Z",
    });
  });

  it("reads a nested livekit object too", () => {
    expect(readSessionLink({ metadata: { livekit: { room_sid: "RM_7", room_name: "r7" } } })).toMatchObject({ roomSid: "RM_7", roomName: "r7" });
  });

  it("falls back to tags, with comma-separated evidence ids and a non-RM_ session id as the room name", () => {
    const link = readSessionLink({
      metadata: { jobId: "AJ_meta" },
      tags: {
        session_id: "support-room-1",
        job_id: "AJ_tag",
        evidence_item_ids: "item_1, item_2,,",
        confidence: "1",
        transcript_ref: "/api/voice-sessions/RM_1/transcript",
      },
    });
    expect(link).toMatchObject({
      sessionId: "support-room-1",
      roomName: "support-room-1",
      roomSid: null,
      jobId: "AJ_meta",
      evidenceItemIds: ["item_1", "item_2"],
      agentConfidence: 1,
      transcriptUrl: "/api/voice-sessions/RM_1/transcript",
    });
  });

  it("never throws on junk and drops unsafe or out-of-range values", () => {
    for (const junk of [null, undefined, {}, { metadata: "nope", tags: 7 }, { metadata: [1, 2], tags: ["x"] }]) {
      expect(readSessionLink(junk as never)).toEqual(EMPTY);
    }
    const link = readSessionLink({
      metadata: { voice: "not-an-object", transcript_url: "javascript:alert(1)", confidence: 1.7, evidence_item_ids: [1, null, {}, " item_3 "], room_sid: { x: 1 } },
      tags: { confidence: "high", drafted_at: "whenever" },
    });
    expect(link).toEqual({ ...EMPTY, evidenceItemIds: ["1", "item_3"] });
  });
});
