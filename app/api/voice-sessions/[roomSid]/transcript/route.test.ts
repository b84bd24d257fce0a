// PUT /api/voice-sessions/{roomSid}/transcript: the agent → dashboard contract of livekit.md §3.4,
// signed with the ingest key the way the Node example helper signs it.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { signUpload } from "@/examples/node/countersign-upload";
import { reviewItems, voiceSessions, voiceTranscripts } from "@/lib/db/schema";
import { getItemEvidence } from "@/lib/livekit/data";
import { applyEmail } from "@/lib/review/apply-email";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import livekitWebhook from "@/pages/api/webhooks/livekit";
import { dentalCall, heldEmail, INGEST, newRoom, segment, transcriptRequest, voiceEnv, webhookRequest, type RouteAnswer as Answer } from "@/test/livekit";
import { serveMachineRoute } from "@/test/machine-route";
import { PUT } from "./route";

const postWebhook = serveMachineRoute(livekitWebhook);

async function put(roomSid: string, body: string, options: Parameters<typeof transcriptRequest>[2] = {}) {
  const response = await PUT(await transcriptRequest(roomSid, body, options), segment({ roomSid }));
  return { status: response.status, body: (await response.json()) as Answer };
}

describe.each(dbKinds())("transcript uploads on %s", (kind) => {
  const app = setUpAppDatabase(kind, voiceEnv);

  const transcriptsOf = async (sid: string) => app.db.select().from(voiceTranscripts).where(eq(voiceTranscripts.roomSid, sid));

  it("stores a signed transcript once per room sid and job id: created, then unchanged, then replaced", async () => {
    const room = newRoom();
    const { upload } = dentalCall(room);
    const body = JSON.stringify(upload);
    expect(await put(room.sid, body)).toMatchObject({ status: 201, body: { status: "created", roomSid: room.sid, jobId: "AJ_dental1", items: 6 } });
    expect(await put(room.sid, body)).toMatchObject({ status: 200, body: { status: "unchanged" } });
    const longer = JSON.stringify({
      ...upload,
      chat_history: { items: [...upload.chat_history.items, { id: "item_a3", type: "message", role: "assistant", content: ["Goodbye!"], created_at: upload.ended_at }] },
    });
    expect(await put(room.sid, longer)).toMatchObject({ status: 200, body: { status: "replaced", items: 7 } });
    const stored = await transcriptsOf(room.sid);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ itemCount: 7, agentName: "frontdesk", closeReason: "participant_disconnected", roomName: room.name });
    // A second job in the same room is a second transcript.
    expect((await put(room.sid, JSON.stringify({ ...upload, job_id: "AJ_second" }))).status).toBe(201);
    expect(await transcriptsOf(room.sid)).toHaveLength(2);
    // The transcript alone makes the session known.
    const [session] = await app.db.select().from(voiceSessions).where(eq(voiceSessions.roomSid, room.sid));
    expect(session).toMatchObject({ roomName: room.name, startedAt: new Date("2026-03-12T15:00:00Z") });
  });

  it("stores a transcript whose text holds U+0000 or a lone surrogate, cleaned, never a 500", async () => {
    const room = newRoom();
    const { upload } = dentalCall(room);
    const [first, ...rest] = upload.chat_history.items;
    const odd = { ...upload, agent_name: "front\u0000desk", chat_history: { items: [{ ...first, content: ["Hello\u0000 there \ud83d"] }, ...rest] } };
    expect((await put(room.sid, JSON.stringify(odd))).status).toBe(201);
    const [stored] = await transcriptsOf(room.sid);
    expect(stored?.agentName).toBe("frontdesk");
    expect((stored?.items as { content?: unknown[] }[])[0]?.content).toEqual(["Hello there \ufffd"]);
  });

  it("accepts every item type both agent SDKs emit, and keeps unknown ones", async () => {
    const room = newRoom();
    const items = [
      {
        id: "item_1",
        type: "message",
        role: "user",
        content: ["Hi", { type: "image_content", image: "…" }],
        interrupted: false,
        transcript_confidence: 0.8,
        extra: {},
        metrics: { started_speaking_at: 1.5 },
        created_at: 1773327600.5,
      },
      { id: "item_2", type: "function_call", call_id: "c1", name: "lookup", arguments: "{}", group_id: "g1", created_at: 1773327601 },
      { id: "item_3", type: "function_call_output", call_id: "c1", name: "lookup", output: "not found", is_error: true, created_at: 1773327602 },
      { id: "item_4", type: "agent_handoff", old_agent_id: null, new_agent_id: "billing", created_at: 1773327603 },
      { id: "item_5", type: "agent_config_update", instructions: "Be brief", tools_added: ["refund"], tools_removed: [], created_at: 1773327604 },
      { id: "item_6", type: "message", role: "assistant", content: ["Sor—"], interrupted: true, created_at: 1773327605 },
      { id: "item_7", type: "agent_thought", text: "future item type", created_at: 1773327606 },
    ];
    const body = JSON.stringify({
      schema: "livekit-chat-history/v1",
      room: room.name,
      room_sid: room.sid,
      job_id: "AJ_types",
      started_at: "2026-03-12T15:00:00Z",
      chat_history: { items },
    });
    expect(await put(room.sid, body)).toMatchObject({ status: 201, body: { items: 7 } });
  });

  it("refuses a missing, wrongly keyed, expired or mismatched signature with 401", async () => {
    const room = newRoom();
    const body = JSON.stringify(dentalCall(room).upload);
    expect((await put(room.sid, body, { authorization: null })).body.error.message).toMatch(/Authorization header is missing/);
    expect((await put(room.sid, body, { key: "someone_else" })).status).toBe(401);
    expect((await put(room.sid, body, { secret: "not-the-ingest-secret-0123456789abcdefg" })).status).toBe(401);
    expect((await put(room.sid, `${body}\n`, { authorization: await signUpload(body, INGEST.key, INGEST.secret) })).body.error.message).toMatch(/sha256/);
    vi.useFakeTimers({ now: Date.now() - 6 * 60_000, toFake: ["Date"] });
    const expired = await signUpload(body, INGEST.key, INGEST.secret);
    vi.useRealTimers();
    expect(await put(room.sid, body, { authorization: expired })).toMatchObject({ status: 401, body: { error: { message: expect.stringMatching(/expired/) } } });
    // The LiveKit project secret is not the ingest secret.
    expect((await put(room.sid, body, { key: voiceEnv.LIVEKIT_API_KEY, secret: voiceEnv.LIVEKIT_API_SECRET })).status).toBe(401);
    expect(await transcriptsOf(room.sid)).toHaveLength(0);
  });

  it("converts times in milliseconds (agents-js before 1.9) to seconds, decided by magnitude", async () => {
    const room = newRoom();
    const { upload } = dentalCall(room);
    const inMs = (v: unknown) => (typeof v === "number" ? v * 1000 : v);
    const ms = {
      ...upload,
      started_at: inMs(upload.started_at),
      ended_at: inMs(upload.ended_at),
      chat_history: { items: upload.chat_history.items.map((item) => ({ ...item, created_at: inMs(item.created_at) })) },
    };
    expect((await put(room.sid, JSON.stringify(ms))).status).toBe(201);
    const [stored] = await transcriptsOf(room.sid);
    const items = stored?.items as { created_at?: number }[];
    expect(items.map((item) => item.created_at)).toEqual(upload.chat_history.items.map((item) => item.created_at));
    const [session] = await app.db.select().from(voiceSessions).where(eq(voiceSessions.roomSid, room.sid));
    expect(session?.startedAt).toEqual(new Date("2026-03-12T15:00:00Z"));
    // The same upload in seconds replaces it with the same items.
    expect(await put(room.sid, JSON.stringify(upload))).toMatchObject({ status: 200, body: { status: "replaced", items: upload.chat_history.items.length } });
    const [again] = await transcriptsOf(room.sid);
    expect(again?.items).toEqual(stored?.items);
  });

  it("answers precise 4xx errors for bodies that break the contract", async () => {
    const room = newRoom();
    const { upload } = dentalCall(room);
    const expectError = async (value: unknown, status: number, message: RegExp, raw?: string) => {
      const answer = await put(room.sid, raw ?? JSON.stringify(value));
      expect(answer.status).toBe(status);
      expect(answer.body.error.message).toMatch(message);
    };
    await expectError(null, 400, /not valid JSON/, "{oops");
    await expectError({ ...upload, schema: "v2" }, 422, /schema: must be "livekit-chat-history\/v1"/);
    await expectError({ ...upload, job_id: undefined }, 422, /job_id/);
    await expectError({ ...upload, room_sid: "RM_other123" }, 422, /does not match the path/);
    await expectError(
      { ...upload, chat_history: { items: [{ ...upload.chat_history.items[0], created_at: 1773327600123456 }] } },
      422,
      /chat_history\.items\.0\.created_at: is too large for Unix seconds or milliseconds/,
    );
    await expectError(
      { ...upload, chat_history: { items: [{ id: "x", type: "message", role: "user", content: ["hi"], createdAt: 1773327600123 }] } },
      422,
      /camelCase item .*sessionReportToJSON/,
    );
    await expectError({ ...upload, chat_history: { items: [{ id: "x", type: "message", role: "caller", content: ["hi"] }] } }, 422, /items\.0\.role/);
    await expectError({ ...upload, chat_history: { items: [{ type: "function_call", name: "x" }] } }, 422, /items\.0\.call_id/);
    await expectError({ ...upload, chat_history: [] }, 422, /chat_history/);
    const big = JSON.stringify({ ...upload, chat_history: { items: [{ id: "x", type: "message", role: "user", content: ["a".repeat(70_000)] }] } });
    await expectError(null, 413, /limit/, big);
    const notFound = await PUT(await transcriptRequest("call-42", JSON.stringify(upload)), segment({ roomSid: "call-42" }));
    expect(notFound.status).toBe(404);
    expect(await transcriptsOf(room.sid)).toHaveLength(0);
  });

  it("links a transcript that arrives after its email, and an email that arrives after its transcript", async () => {
    // Email first (it names the room by name only), then webhooks and transcript.
    const first = newRoom();
    const call = dentalCall(first);
    const outcome = await applyEmail(app.db, "mbx_1", heldEmail({ metadata: { session_id: first.name, job_id: "AJ_dental1" } }));
    if (outcome.kind === "ignored") throw new Error("not held");
    let [item] = await app.db.select().from(reviewItems).where(eq(reviewItems.id, outcome.itemId));
    expect(item).toMatchObject({ roomSid: null, roomName: first.name, jobId: "AJ_dental1" });
    expect((await getItemEvidence(app.db, outcome.itemId))?.transcriptState).toBe("pending");
    for (const event of [call.events.roomStarted, call.events.agentJoined, call.events.callerJoined]) await postWebhook(await webhookRequest(event));
    [item] = await app.db.select().from(reviewItems).where(eq(reviewItems.id, outcome.itemId));
    expect(item?.roomSid).toBe(first.sid);
    expect((await put(first.sid, JSON.stringify(call.upload))).body.linkedEmails).toBe(1);
    const evidence = await getItemEvidence(app.db, outcome.itemId);
    expect(evidence).toMatchObject({ transcriptState: "ready", needsRecipientConfirmation: false });
    expect(evidence?.report.findings.find((f) => f.kind === "recipient")?.status).toBe("supported");
    expect(evidence?.session?.caller).toMatchObject({ email: "maria.gonzalez@example.com", phone: "+14155550142" });

    // Transcript and webhooks first, then an email (by room sid) with a wrong recipient and a time never said.
    const second = newRoom();
    const later = dentalCall(second);
    await put(second.sid, JSON.stringify(later.upload));
    await postWebhook(await webhookRequest(later.events.callerJoined));
    const wrong = await applyEmail(
      app.db,
      "mbx_1",
      heldEmail({
        to: ["maria.gonzales@example.com"],
        markdown: "Hi Maria,\n\nYour cleaning is on **Tuesday, March 17 at 4:30 PM**.\n",
        metadata: { room_sid: second.sid, job_id: "AJ_dental1" },
      }),
    );
    if (wrong.kind === "ignored") throw new Error("not held");
    const [linked] = await app.db.select().from(reviewItems).where(eq(reviewItems.id, wrong.itemId));
    expect(linked?.roomSid).toBe(second.sid);
    const report = (await getItemEvidence(app.db, wrong.itemId))!;
    expect(report.needsRecipientConfirmation).toBe(true);
    const recipient = report.report.findings.find((f) => f.kind === "recipient");
    expect(recipient).toMatchObject({ status: "mismatch", text: "maria.gonzales@example.com" });
    expect(report.report.findings.some((f) => f.status === "unsupported" && /4:30/.test(f.text))).toBe(true);
    expect(linked?.findingsCount).toBe(report.findingsCount);
    expect(report.findingsCount).toBeGreaterThanOrEqual(2);
  });
});
