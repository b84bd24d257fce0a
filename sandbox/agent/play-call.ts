// Plays one call the way the real systems would report it: LiveKit's signed webhooks (room,
// participants, recording), the agent's transcript upload at session end (the Node example's
// helper), and the held email whose metadata names the room sid, job id and evidence turns.
import { randomUUID } from "node:crypto";
import { transcriptFromReport, uploadTranscript } from "../../examples/node/countersign-upload";
import { egressInfo, liveKitEvent, participantInfo, postLiveKitWebhook, roomInfo, type LiveKitKeys } from "../livekit/webhooks";
import type { CallScript } from "./scenarios";

export interface CallWorld {
  appUrl: string;
  livekit: LiveKitKeys;
  ingest: { key: string; secret: string };
  /** Sends the held email through MultiMail and returns its id. */
  sendEmail(script: CallScript, metadata: Record<string, unknown>): Promise<string>;
  /** A live room in the LiveKit stand-in (the RoomService fake), if there is one. */
  rooms?: { add(room: { sid: string; name: string; numParticipants: number }): void; remove(name: string): void };
  log?: (line: string) => void;
}

const id = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 12)}`;

/** The agent's chat_history, as `sessionReportToJSON(report).chat_history.items` would hold it. */
export function chatItems(script: CallScript, start: Date): Record<string, unknown>[] {
  const t0 = start.getTime() / 1000;
  return script.turns.flatMap((turn): Record<string, unknown>[] => {
    const at = Math.round((t0 + turn.at) * 1000) / 1000;
    if ("who" in turn) {
      return [
        {
          id: turn.id,
          type: "message",
          role: turn.who === "caller" ? "user" : "assistant",
          content: [turn.text],
          interrupted: turn.interrupted ?? false,
          created_at: at,
          extra: {},
          ...(turn.who === "caller" ? { transcript_confidence: 0.92 } : {}),
        },
      ];
    }
    const callId = `call_${turn.id.slice(5)}`;
    return [
      { id: `${turn.id}_call`, type: "function_call", call_id: callId, name: turn.tool, arguments: JSON.stringify(turn.args), created_at: at },
      {
        id: turn.id,
        type: "function_call_output",
        call_id: callId,
        name: turn.tool,
        output: typeof turn.output === "string" ? turn.output : JSON.stringify(turn.output),
        is_error: false,
        created_at: at + 0.4,
      },
    ];
  });
}

export async function playCall(world: CallWorld, script: CallScript, options: { start?: Date } = {}): Promise<{ roomSid: string; emailId: string }> {
  const duration = (script.turns.at(-1)?.at ?? 10) + 6;
  const start = options.start ?? new Date(Date.now() - (duration + 20) * 1000);
  const room = { sid: id("RM"), name: script.roomName };
  const jobId = id("AJ");
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  const roomJson = roomInfo({ ...room, createdAt: start, metadata: JSON.stringify({ line: script.mailbox }) });
  const hook = async (event: object) => {
    const response = await postLiveKitWebhook(`${world.appUrl}/api/webhooks/livekit`, event, world.livekit);
    if (!response.ok) throw new Error(`LiveKit webhook refused: ${response.status} ${await response.text()}`);
  };
  const caller = participantInfo({
    identity: script.caller.identity,
    name: script.caller.name,
    kind: script.caller.kind,
    joinedAt: at(0.5),
    ...(script.caller.metadata ? { metadata: JSON.stringify(script.caller.metadata) } : {}),
    ...(script.caller.phone ? { attributes: { "sip.phoneNumber": script.caller.phone, "sip.callStatus": "active" } } : {}),
  });
  const agent = participantInfo({ identity: `agent-${jobId}`, name: script.agentName, kind: "AGENT", joinedAt: at(0.2), attributes: { "lk.agent.state": "listening" } });
  const egressId = id("EG");

  await hook(liveKitEvent("room_started", { room: roomJson }, { at: start }));
  world.rooms?.add({ ...room, numParticipants: 2 });
  await hook(liveKitEvent("participant_joined", { room: roomJson, participant: agent }, { at: at(0.2) }));
  await hook(liveKitEvent("participant_joined", { room: roomJson, participant: caller }, { at: at(0.5) }));
  if (script.recording)
    await hook(
      liveKitEvent(
        "egress_started",
        { egressInfo: egressInfo({ egressId, roomSid: room.sid, roomName: room.name, status: "EGRESS_ACTIVE", startedAt: at(1) }) },
        { at: at(1) },
      ),
    );

  const metadata = {
    provider: "livekit",
    room_sid: room.sid,
    room_name: room.name,
    job_id: jobId,
    agent_name: script.agentName,
    caller_identity: script.caller.identity,
    caller_name: script.caller.name,
    evidence_item_ids: script.email.evidence,
    ...(script.email.agentNote ? { agent_note: script.email.agentNote } : {}),
    ...(script.email.confidence !== undefined ? { confidence: script.email.confidence } : {}),
    drafted_at: at(duration - 2).toISOString(),
  };
  const send = () => world.sendEmail(script, metadata);
  if (script.live) {
    const emailId = await send();
    world.log?.(`agent: call ${room.name} (${room.sid}) still live; sent "${script.email.subject}"`);
    return { roomSid: room.sid, emailId };
  }

  let emailId = script.order === "email-first" ? await send() : "";
  await hook(
    liveKitEvent(
      "participant_left",
      { room: roomJson, participant: { ...caller, state: "DISCONNECTED", disconnectReason: "CLIENT_INITIATED" } },
      { at: at(duration - 1) },
    ),
  );
  await hook(liveKitEvent("room_finished", { room: roomJson, roomEndReason: "ROOM_END_API_DELETE" }, { at: at(duration) }));
  world.rooms?.remove(room.name);
  // Egress results usually land after the room has finished (livekit.md §5, egress#364).
  if (script.recording) {
    await hook(
      liveKitEvent(
        "egress_ended",
        {
          egressInfo: egressInfo({
            egressId,
            roomSid: room.sid,
            roomName: room.name,
            status: "EGRESS_COMPLETE",
            startedAt: at(1),
            endedAt: at(duration),
            files: [{ filename: `${room.name}.ogg`, location: `https://recordings.example.com/${room.sid}.ogg`, size: 182_000, durationSeconds: duration - 1 }],
          }),
        },
        { at: at(duration + 2) },
      ),
    );
  }
  const report = { room: room.name, room_id: room.sid, job_id: jobId, timestamp: at(duration).getTime() / 1000, chat_history: { items: chatItems(script, start) } };
  await uploadTranscript({
    dashboardUrl: world.appUrl,
    key: world.ingest.key,
    secret: world.ingest.secret,
    body: transcriptFromReport(report, {
      agentName: script.agentName,
      startedAt: start,
      closeReason: "participant_disconnected",
      ...(script.recording ? { recording: { egressId } } : {}),
    }),
  });
  if (!emailId) emailId = await send();
  world.log?.(`agent: played ${room.name} (${room.sid}); sent "${script.email.subject}"${script.mistake ? ` — deliberate mistake: ${script.mistake}` : ""}`);
  return { roomSid: room.sid, emailId };
}
