// POST /api/webhooks/livekit over real HTTP, with bodies signed by livekit-server-sdk exactly as a
// LiveKit server signs them, and every way a delivery can be wrong, repeated or out of order (livekit.md §2, §5).
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { voiceParticipants, voiceRecordings, voiceSessions, webhookDeliveries } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { egressInfo, liveKitEvent, participantInfo, roomInfo, signLiveKitBody } from "@/sandbox/livekit/webhooks";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import livekitWebhook from "@/pages/api/webhooks/livekit";
import { dentalCall, LIVEKIT_KEYS, newRoom, voiceEnv, webhookRequest, type RouteAnswer as Answer } from "@/test/livekit";
import { serveMachineRoute } from "@/test/machine-route";

const send = serveMachineRoute(livekitWebhook);

async function post(request: Awaited<ReturnType<typeof webhookRequest>>) {
  const response = await send(request);
  return { status: response.status, body: (await response.json()) as Answer };
}

describe.each(dbKinds())("LiveKit webhooks on %s", (kind) => {
  const app = setUpAppDatabase(kind, voiceEnv);

  const sessionOf = async (sid: string) => (await app.db.select().from(voiceSessions).where(eq(voiceSessions.roomSid, sid)))[0];
  const deliveriesOf = async (id: string) => app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.dedupeKey, id));

  it("accepts a valid signed event and stores the room", async () => {
    const room = newRoom();
    const { events } = dentalCall(room);
    const { status, body } = await post(await webhookRequest(events.roomStarted));
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "accepted", event: "room_started", roomSid: room.sid });
    expect(await sessionOf(room.sid)).toMatchObject({ roomName: room.name, startedAt: new Date("2026-03-12T15:00:00Z") });
  });

  it("stores an event whose text holds U+0000, cleaned, and refuses a lone surrogate with a 400, never a 500", async () => {
    const room = newRoom();
    const event = dentalCall(room).events.roomStarted as ReturnType<typeof dentalCall>["events"]["roomStarted"] & { room: Record<string, unknown> };
    const nul = { ...event, id: `${event.id}\u0000x`, room: { ...event.room, name: `${room.name}\u0000!` } };
    const { status, body } = await post(await webhookRequest(nul));
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "accepted", roomSid: room.sid });
    expect((await sessionOf(room.sid))?.roomName).toBe(`${room.name}!`);
    expect(await deliveriesOf(`${event.id}x`)).toHaveLength(1);

    const surrogate = { ...event, id: `${event.id}-s`, room: { ...event.room, name: `${room.name}\ud800` } };
    const refused = await post(await webhookRequest(surrogate));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("bad_request");
  });

  it("refuses a tampered body, and stores nothing", async () => {
    const room = newRoom();
    const event = dentalCall(room).events.roomStarted;
    const signed = JSON.stringify(event);
    const tampered = signed.replace(room.name, "call-evil");
    const { status, body } = await post(await webhookRequest(event, { body: tampered, authorization: await signLiveKitBody(signed, LIVEKIT_KEYS) }));
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/does not match the token's sha256/);
    expect(await sessionOf(room.sid)).toBeUndefined();
    expect(await deliveriesOf(event.id)).toHaveLength(0);
  });

  it("hashes the exact bytes: a pretty-printed body passes, the same body re-serialised does not", async () => {
    const room = newRoom();
    const event = dentalCall(room).events.roomStarted;
    const pretty = JSON.stringify(event, null, 2);
    const token = await signLiveKitBody(pretty, LIVEKIT_KEYS);
    const compact = JSON.stringify(JSON.parse(pretty));
    expect((await post(await webhookRequest(event, { body: compact, authorization: token }))).status).toBe(401);
    expect((await post(await webhookRequest(event, { body: pretty, authorization: token }))).status).toBe(200);
  });

  it("refuses a token from another API key, or signed with another secret", async () => {
    const event = dentalCall(newRoom()).events.roomStarted;
    const wrongKey = await post(await webhookRequest(event, { keys: { apiKey: "APIother", apiSecret: LIVEKIT_KEYS.apiSecret } }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.error.message).toMatch(/different API key/);
    const wrongSecret = await post(await webhookRequest(event, { keys: { apiKey: LIVEKIT_KEYS.apiKey, apiSecret: "not-the-secret-0123456789abcdefghijklmn" } }));
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error.message).toMatch(/signature/);
  });

  it("refuses an expired token", async () => {
    const event = dentalCall(newRoom()).events.roomStarted;
    const body = JSON.stringify(event);
    vi.useFakeTimers({ now: Date.now() - 10 * 60_000, toFake: ["Date"] });
    const old = await signLiveKitBody(body, LIVEKIT_KEYS);
    vi.useRealTimers();
    const { status, body: answer } = await post(await webhookRequest(event, { body, authorization: old }));
    expect(status).toBe(401);
    expect(answer.error.message).toMatch(/expired/);
  });

  it("accepts a `Bearer ` prefix, and refuses a missing header or garbage", async () => {
    const event = dentalCall(newRoom()).events.roomStarted;
    const body = JSON.stringify(event);
    const token = await signLiveKitBody(body, LIVEKIT_KEYS);
    expect((await post(await webhookRequest(event, { body, authorization: `Bearer ${token}` }))).status).toBe(200);
    const missing = await post(await webhookRequest(event, { authorization: null }));
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/missing/);
    expect((await post(await webhookRequest(event, { authorization: "Bearer not.a.jwt" }))).status).toBe(401);
  });

  it("answers a signed body that is not JSON with 400", async () => {
    const garbage = "{not json";
    const { status, body } = await post(await webhookRequest({}, { body: garbage, authorization: await signLiveKitBody(garbage, LIVEKIT_KEYS) }));
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/invalid JSON/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/); // never a stack trace
  });

  it("applies a redelivered event id once", async () => {
    const room = newRoom();
    const { events } = dentalCall(room);
    expect((await post(await webhookRequest(events.callerJoined))).body.status).toBe("accepted");
    const again = await post(await webhookRequest(events.callerJoined));
    expect(again).toMatchObject({ status: 200, body: { status: "duplicate" } });
    expect(await deliveriesOf(events.callerJoined.id)).toHaveLength(1);
    expect(await app.db.select().from(voiceParticipants).where(eq(voiceParticipants.roomSid, room.sid))).toHaveLength(1);
  });

  it("keeps a participant who left before joining was reported, and an older join does not undo the leave", async () => {
    const room = newRoom();
    const { events } = dentalCall(room);
    await post(await webhookRequest(events.callerLeft));
    await post(await webhookRequest(events.callerJoined));
    const [caller] = await app.db.select().from(voiceParticipants).where(eq(voiceParticipants.roomSid, room.sid));
    expect(caller).toMatchObject({ identity: "sip_+14155550142", kind: "SIP", name: "Maria Gonzalez", disconnectReason: "CLIENT_INITIATED" });
    expect(caller?.joinedAt).toEqual(new Date("2026-03-12T15:00:01Z"));
    expect(caller?.leftAt).toEqual(new Date("2026-03-12T15:00:18Z"));
    expect(caller?.attributes).toEqual({ "sip.phoneNumber": "+14155550142" });
    // The caller's address is kept normalised, so a contact's calls are found by an index; an agent has none.
    expect(caller?.contactEmail).toBe("maria.gonzalez@example.com");
    await post(await webhookRequest(events.agentJoined));
    const [agent] = await app.db.select().from(voiceParticipants).where(eq(voiceParticipants.identity, "agent-AJ_dental1"));
    expect(agent?.contactEmail).toBe("");
  });

  it("records a recording whose egress_ended arrives after room_finished, and an older update does not undo it", async () => {
    const room = newRoom();
    const { events, start } = dentalCall(room);
    await post(await webhookRequest(events.roomStarted));
    await post(await webhookRequest(events.roomFinished));
    const ended = liveKitEvent(
      "egress_ended",
      {
        egressInfo: egressInfo({
          egressId: "EG_x1",
          roomSid: room.sid,
          roomName: room.name,
          status: "EGRESS_COMPLETE",
          startedAt: start,
          endedAt: new Date(start.getTime() + 41_000),
          files: [{ filename: "call.ogg", location: "https://recordings.example.com/call.ogg", size: 48_000, durationSeconds: 40.5 }],
        }),
      },
      { at: new Date(start.getTime() + 45_000) },
    );
    const staleUpdate = liveKitEvent(
      "egress_updated",
      { egressInfo: egressInfo({ egressId: "EG_x1", roomSid: room.sid, roomName: room.name, status: "EGRESS_ACTIVE", startedAt: start }) },
      { at: new Date(start.getTime() + 5_000) },
    );
    expect((await post(await webhookRequest(ended))).body.status).toBe("accepted");
    await post(await webhookRequest(staleUpdate));
    const [recording] = await app.db.select().from(voiceRecordings).where(eq(voiceRecordings.egressId, "EG_x1"));
    expect(recording).toMatchObject({ roomSid: room.sid, status: "EGRESS_COMPLETE" });
    expect(recording?.files).toEqual([{ filename: "call.ogg", location: "https://recordings.example.com/call.ogg", sizeBytes: 48_000, durationSeconds: 40.5 }]);
    expect(await sessionOf(room.sid)).toMatchObject({ endReason: "ROOM_END_IDLE_TIMEOUT", endedAt: new Date(start.getTime() + 40_000) });
  });

  it("acknowledges an unknown event name and records it without applying it", async () => {
    const room = newRoom();
    const event = liveKitEvent("room_reticulated", { room: roomInfo(room), participant: participantInfo({ identity: "x" }) });
    const { status, body } = await post(await webhookRequest(event));
    expect(status).toBe(200);
    expect(body.status).toBe("ignored");
    expect(await deliveriesOf(event.id)).toHaveLength(1);
    expect(await sessionOf(room.sid)).toBeUndefined();
  });

  it("notes agent jobs (Cloud's agent_job_* events) and treats a job's end as the session's end until room_finished", async () => {
    const room = newRoom();
    const job = { id: "AJ_j1", agentName: "frontdesk", room: roomInfo(room), state: { status: "JS_SUCCESS" } };
    await post(await webhookRequest(liveKitEvent("agent_job_started", { job: { ...job, state: { status: "JS_RUNNING" } } })));
    await post(await webhookRequest(liveKitEvent("agent_job_ended", { job })));
    expect(await sessionOf(room.sid)).toMatchObject({
      endReason: "agent_job_ended",
      jobs: [expect.objectContaining({ id: "AJ_j1", agentName: "frontdesk", status: "JS_SUCCESS" })],
    });
  });

  it("says so when LiveKit keys are not configured", async () => {
    vi.stubEnv("LIVEKIT_API_SECRET", "");
    resetEnvForTests();
    try {
      const { status, body } = await post(await webhookRequest(dentalCall(newRoom()).events.roomStarted));
      expect(status).toBe(503);
      expect(body.error.message).toMatch(/LIVEKIT_API_SECRET/);
    } finally {
      vi.stubEnv("LIVEKIT_API_SECRET", LIVEKIT_KEYS.apiSecret);
      resetEnvForTests();
    }
  });
});
