// A LiveKit voice agent (@livekit/agents 1.9+) whose emails are reviewed in Countersign. It sends
// through MultiMail (the mailbox is in gated_send, so every email is held for a human) and names
// the call in each email's tags; it uploads the transcript when the session ends, then sends the
// caller a summary of the call. Mid-call, its send_follow_up tool sends a confirmation the caller
// asked for. See docs/agents.md for each step.
//
//   npm install @livekit/agents @livekit/rtc-node livekit-server-sdk zod
//   LIVEKIT_URL=… LIVEKIT_API_KEY=… LIVEKIT_API_SECRET=… \
//   MULTIMAIL_API_URL=https://api.multimail.dev MULTIMAIL_SEND_KEY=… MULTIMAIL_MAILBOX_ID=… \
//   COUNTERSIGN_URL=… TRANSCRIPT_INGEST_KEY=… TRANSCRIPT_INGEST_SECRET=… \
//   npx tsx agent.ts dev
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type JobContext, ServerOptions, cli, defineAgent, inference, llm, voice } from "@livekit/agents";
import { ParticipantKind, type RemoteParticipant } from "@livekit/rtc-node";
import { z } from "zod";
import { transcriptFromReport, uploadTranscript } from "./countersign-upload.ts";
import { sendForReview, type VoiceContext } from "./multimail-send.ts";

/** What reviewers see as the agent. Not a dispatch name: this worker is dispatched automatically. */
const AGENT_LABEL = "frontdesk";
const BUSINESS = "Acme Dental";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** The caller: the non-agent participant, a phone (SIP) caller first (livekit.md §4). */
function callerOf(participants: Iterable<RemoteParticipant>): RemoteParticipant | undefined {
  const people = [...participants].filter((p) => p.kind !== ParticipantKind.AGENT && p.kind !== ParticipantKind.EGRESS);
  return people.find((p) => p.kind === ParticipantKind.SIP) ?? people[0];
}

/** The caller's address from their participant metadata ({"email": …}) or an `email` attribute. */
function emailOf(participant: RemoteParticipant | undefined): string | undefined {
  if (!participant) return undefined;
  try {
    const parsed = JSON.parse(participant.metadata || "{}") as { email?: unknown };
    if (typeof parsed.email === "string" && parsed.email.includes("@")) return parsed.email;
  } catch {
    // metadata is free text: not JSON, no address in it
  }
  return participant.attributes.email || undefined;
}

/** The user turns so far: the chat_history item ids a reviewer checks the email against. */
function callerTurnIds(history: llm.ChatContext, last = 10): string[] {
  return history.items
    .filter((item) => item.type === "message" && item.role === "user")
    .map((item) => item.id)
    .slice(-last);
}

interface CallState {
  startedAt: Date;
  roomSid: string;
  /** The address the caller gave for a follow-up, if they gave one. */
  confirmedEmail?: string;
}
const calls = new Map<string, CallState>();

function voiceContext(ctx: JobContext, state: CallState, extra: Partial<VoiceContext>): VoiceContext {
  return {
    room_sid: state.roomSid,
    room_name: ctx.room.name ?? "",
    job_id: ctx.job.id,
    agent_name: AGENT_LABEL,
    caller_identity: callerOf(ctx.room.remoteParticipants.values())?.identity,
    drafted_at: new Date().toISOString(),
    ...extra,
  };
}

/** One email per content and job: a retried tool call or session end does not hold a second copy. */
const idempotencyKey = (jobId: string, ...parts: string[]) => `${jobId}-${createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 24)}`;

/** A short markdown summary of the call, written by an LLM from the transcript alone. */
async function summarize(history: llm.ChatContext): Promise<string> {
  const lines = history.items.flatMap((item) =>
    item.type === "message" && (item.role === "user" || item.role === "assistant") && item.textContent
      ? [`${item.role === "user" ? "Caller" : "Agent"}: ${item.textContent}`]
      : [],
  );
  if (lines.length === 0) return "";
  const chatCtx = llm.ChatContext.empty();
  chatCtx.addMessage({
    role: "system",
    content:
      `You write the follow-up email ${BUSINESS} sends after a phone call. In markdown, in a few short lines, ` +
      "summarize what was agreed. Use only facts said on the call: dates, times, amounts and references exactly as said. " +
      "No greeting placeholders, no invented details, no promises the agent did not make.",
  });
  chatCtx.addMessage({ role: "user", content: lines.join("\n") });
  const summarizer = new inference.LLM({ model: "openai/gpt-4.1-mini" });
  const { text } = await summarizer.chat({ chatCtx }).collect();
  return text.trim();
}

export default defineAgent({
  entry: async (ctx: JobContext) => {
    await ctx.connect();
    // The job names its room; the room object learns its sid from the server (both are RM_…).
    const state: CallState = { startedAt: new Date(), roomSid: ctx.job.room?.sid || (await ctx.room.getSid()) };
    calls.set(ctx.job.id, state);
    const session = new voice.AgentSession({ stt: "deepgram/nova-3", llm: "openai/gpt-4.1-mini", tts: "cartesia/sonic-2" });

    // Mid-call: the caller asked for something in writing.
    const sendFollowUp = llm.tool({
      description:
        "Send the caller an email they asked for (a booking confirmation, directions, a quote). A human approves it before it goes out. " +
        "Only include what was said on this call. Read the address back to the caller before calling this.",
      parameters: z.object({
        to: z.string().describe("the caller's email address, as they spelled it and you read it back"),
        subject: z.string(),
        markdown: z.string().describe("the body in markdown"),
        note: z.string().optional().describe("anything the reviewer should double-check"),
        confidence: z.number().min(0).max(1).optional().describe("how sure you are the email matches the call"),
      }),
      execute: async ({ to, subject, markdown, note, confidence }) => {
        state.confirmedEmail = to;
        const sent = await sendForReview({
          apiUrl: env("MULTIMAIL_API_URL"),
          sendKey: env("MULTIMAIL_SEND_KEY"),
          mailboxId: env("MULTIMAIL_MAILBOX_ID"),
          to: [to],
          subject,
          markdown,
          voice: voiceContext(ctx, state, { evidence_item_ids: callerTurnIds(session.history), agent_note: note, confidence }),
          idempotencyKey: idempotencyKey(ctx.job.id, to, subject, markdown),
        });
        if (!sent.tagged) console.warn(`email ${sent.id} is held without its call: tagging it failed`);
        return "The email is written and held for a person to check; tell the caller it will arrive once approved.";
      },
    });

    await session.start({
      agent: new voice.Agent({
        instructions: `You are the front desk of ${BUSINESS}. Book appointments. When the caller asks for a confirmation by email, call send_follow_up.`,
        tools: { send_follow_up: sendFollowUp },
      }),
      room: ctx.room,
    });
  },

  // After the session closed: the whole conversation is in the history now, including the last
  // utterance of a caller who hung up mid-sentence (livekit.md §3.1).
  onSessionEnd: async (ctx: JobContext) => {
    const state = calls.get(ctx.job.id);
    calls.delete(ctx.job.id);
    if (!state) return;
    // sessionReportToJSON is snake_case with seconds; history.toJSON() is camelCase with ms (§3.2).
    const report = voice.sessionReportToJSON(ctx.makeSessionReport());
    // 1. The transcript first, so Countersign can check the summary the moment it is held.
    try {
      await uploadTranscript({
        dashboardUrl: env("COUNTERSIGN_URL"),
        key: env("TRANSCRIPT_INGEST_KEY"),
        secret: env("TRANSCRIPT_INGEST_SECRET"),
        body: transcriptFromReport(report as Parameters<typeof transcriptFromReport>[0], {
          agentName: AGENT_LABEL,
          startedAt: state.startedAt,
          closeReason: "session_end",
        }),
      });
    } catch (error) {
      console.error("transcript upload failed", error);
    }

    // 2. The summary email, held for review like every other.
    const to = state.confirmedEmail ?? emailOf(callerOf(ctx.room.remoteParticipants.values()));
    if (!to) return; // no address given on the call or in the caller's metadata
    const items = (report.chat_history as { items?: { id: string; type: string; role?: string }[] } | undefined)?.items ?? [];
    const history = llm.ChatContext.empty();
    for (const item of items) {
      const source = item as { type: string; role?: string; content?: unknown[] };
      if (source.type === "message" && (source.role === "user" || source.role === "assistant")) {
        const text = (source.content ?? []).filter((part): part is string => typeof part === "string").join(" ");
        if (text) history.addMessage({ role: source.role, content: text, id: item.id });
      }
    }
    const markdown = await summarize(history);
    if (!markdown) return;
    const subject = `Your call with ${BUSINESS}`;
    await sendForReview({
      apiUrl: env("MULTIMAIL_API_URL"),
      sendKey: env("MULTIMAIL_SEND_KEY"),
      mailboxId: env("MULTIMAIL_MAILBOX_ID"),
      to: [to],
      subject,
      markdown,
      voice: voiceContext(ctx, state, {
        evidence_item_ids: items.filter((i) => i.type === "message" && i.role === "user").map((i) => i.id),
        agent_note: "Summary written by an LLM from the whole call at session end.",
      }),
      idempotencyKey: idempotencyKey(ctx.job.id, "summary", to),
    }).catch((error: unknown) => console.error("summary email failed", error));
  },
});

// Automatic dispatch: no agentName. Set one (or LIVEKIT_AGENT_NAME) only when you dispatch
// explicitly, from the caller's token or AgentDispatchClient.createDispatch; a named worker is
// never sent into rooms on its own.
cli.runApp(new ServerOptions({ agent: fileURLToPath(import.meta.url) }));
