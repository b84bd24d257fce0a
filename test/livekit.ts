// Shared by the voice-session tests: keys, a realistic call (webhooks, transcript, held email) and
// requests for the route handlers, signed with the real SDK.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { signUpload } from "@/examples/node/countersign-upload";
import type { SyncableEmail } from "@/lib/review/apply-email";
import { liveKitEvent, participantInfo, roomInfo, signLiveKitBody, type LiveKitKeys } from "@/sandbox/livekit/webhooks";

/** What our voice routes answer: the result, or the one error shape of lib/errors.ts; a test reads the side it expects. */
export interface RouteAnswer {
  status?: string;
  event?: string;
  roomSid?: string | null;
  jobId?: string;
  items?: number;
  linkedEmails?: number;
  error: { code: string; message: string };
}

export const LIVEKIT_KEYS: LiveKitKeys = { apiKey: "APIcountersigntest", apiSecret: "livekit-test-secret-0123456789abcdefghij" };
export const INGEST = { key: "ingest_test", secret: "ingest-test-secret-0123456789abcdefghijkl" };

export const voiceEnv = {
  LIVEKIT_API_KEY: LIVEKIT_KEYS.apiKey,
  LIVEKIT_API_SECRET: LIVEKIT_KEYS.apiSecret,
  TRANSCRIPT_INGEST_KEY: INGEST.key,
  TRANSCRIPT_INGEST_SECRET: INGEST.secret,
  TRANSCRIPT_MAX_BYTES: "65536",
};

export function newRoom(name = `call-${randomUUID().slice(0, 6)}`) {
  return { sid: `RM_${randomUUID().replace(/-/g, "").slice(0, 12)}`, name };
}

/** A LiveKit webhook delivery, as request options for the route served over HTTP (test/machine-route.ts). */
export async function webhookRequest(event: object, options: { body?: string; authorization?: string | null; keys?: LiveKitKeys } = {}) {
  const body = options.body ?? JSON.stringify(event);
  const authorization = options.authorization === undefined ? await signLiveKitBody(body, options.keys ?? LIVEKIT_KEYS) : options.authorization;
  return { body, headers: { "content-type": "application/webhook+json", ...(authorization === null ? {} : { authorization }) } } satisfies RequestInit;
}

export async function transcriptRequest(roomSid: string, body: string, options: { authorization?: string | null; key?: string; secret?: string } = {}) {
  const authorization = options.authorization === undefined ? await signUpload(body, options.key ?? INGEST.key, options.secret ?? INGEST.secret) : options.authorization;
  return new NextRequest(`http://countersign.test/api/voice-sessions/${roomSid}/transcript`, {
    method: "PUT",
    body,
    headers: { "content-type": "application/json", ...(authorization === null ? {} : { authorization }) },
  });
}

export const segment = <P>(params: P) => ({ params: Promise.resolve(params) });

/** A dental booking call: the caller books Tuesday at 3:30 pm, and gives their address in participant metadata. */
export function dentalCall(room: { sid: string; name: string }, start = new Date("2026-03-12T15:00:00Z")) {
  const t = start.getTime() / 1000;
  const items = [
    { id: "item_a1", type: "message", role: "assistant", content: ["Acme Dental, how can I help?"], interrupted: false, created_at: t + 2 },
    {
      id: "item_u1",
      type: "message",
      role: "user",
      content: ["I'd like a cleaning next Tuesday afternoon, around three thirty."],
      interrupted: false,
      created_at: t + 6,
      transcript_confidence: 0.93,
    },
    { id: "item_c1", type: "function_call", call_id: "call_1", name: "book_slot", arguments: '{"day":"2026-03-17","time":"15:30"}', created_at: t + 9 },
    { id: "item_o1", type: "function_call_output", call_id: "call_1", name: "book_slot", output: '{"booked":true,"ref":"AD-4417"}', is_error: false, created_at: t + 10 },
    {
      id: "item_a2",
      type: "message",
      role: "assistant",
      content: ["You're booked for Tuesday, March 17 at 3:30 PM. Your reference is AD-4417."],
      interrupted: true,
      created_at: t + 12,
    },
    { id: "item_u2", type: "message", role: "user", content: ["Great, thanks. Email me the details."], interrupted: false, created_at: t + 16 },
  ];
  const upload = {
    schema: "livekit-chat-history/v1",
    room: room.name,
    room_sid: room.sid,
    job_id: "AJ_dental1",
    agent_name: "frontdesk",
    started_at: t,
    ended_at: t + 20,
    close_reason: "participant_disconnected",
    chat_history: { items },
  };
  const caller = participantInfo({
    identity: "sip_+14155550142",
    name: "Maria Gonzalez",
    kind: "SIP",
    metadata: JSON.stringify({ email: "maria.gonzalez@example.com" }),
    attributes: { "sip.phoneNumber": "+14155550142" },
    joinedAt: new Date(start.getTime() + 1000),
  });
  const agent = participantInfo({ identity: "agent-AJ_dental1", name: "frontdesk", kind: "AGENT", joinedAt: new Date(start.getTime() + 500) });
  const events = {
    roomStarted: liveKitEvent("room_started", { room: roomInfo({ ...room, createdAt: start }) }, { at: start }),
    callerJoined: liveKitEvent("participant_joined", { room: roomInfo({ ...room, createdAt: start }), participant: caller }, { at: new Date(start.getTime() + 1000) }),
    agentJoined: liveKitEvent("participant_joined", { room: roomInfo({ ...room, createdAt: start }), participant: agent }, { at: new Date(start.getTime() + 500) }),
    callerLeft: liveKitEvent(
      "participant_left",
      { room: roomInfo({ ...room, createdAt: start }), participant: { ...caller, state: "DISCONNECTED", disconnectReason: "CLIENT_INITIATED" } },
      { at: new Date(start.getTime() + 18_000) },
    ),
    roomFinished: liveKitEvent(
      "room_finished",
      { room: roomInfo({ ...room, createdAt: start }), roomEndReason: "ROOM_END_IDLE_TIMEOUT" },
      { at: new Date(start.getTime() + 40_000) },
    ),
  };
  return { upload, events, items, start };
}

/** A held email as the MultiMail API returns it, naming its session in metadata. */
export function heldEmail(overrides: Partial<SyncableEmail> & { metadata?: Record<string, unknown> | null } = {}): SyncableEmail {
  const id = overrides.id ?? `01EMAIL${randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase()}`;
  return {
    id,
    direction: "outbound",
    status: "pending_send_approval",
    from: "frontdesk@acme-dental.example",
    to: ["maria.gonzalez@example.com"],
    cc: [],
    subject: "Your cleaning on Tuesday, March 17 at 3:30 PM",
    markdown: "Hi Maria,\n\nYour cleaning is booked for **Tuesday, March 17 at 3:30 PM**. Reference AD-4417.\n",
    threadId: null,
    receivedAt: new Date().toISOString(),
    approvedAt: null,
    approvedBy: null,
    deliveredAt: null,
    bouncedAt: null,
    bounceType: null,
    tags: {},
    metadata: null,
    ...overrides,
  } as SyncableEmail;
}
