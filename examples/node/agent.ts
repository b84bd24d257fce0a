// A LiveKit voice agent (@livekit/agents 1.x) whose follow-up emails are reviewed in Countersign:
// its send_follow_up tool sends through MultiMail (held by gated_send) with the session in the
// email's metadata and tags, and at shutdown it uploads the transcript (livekit.md §3.4).
//
//   npm install @livekit/agents livekit-server-sdk zod
//   LIVEKIT_URL=… LIVEKIT_API_KEY=… LIVEKIT_API_SECRET=… MULTIMAIL_API_URL=… MULTIMAIL_SEND_KEY=… \
//   MULTIMAIL_MAILBOX_ID=… COUNTERSIGN_URL=… TRANSCRIPT_INGEST_KEY=… TRANSCRIPT_INGEST_SECRET=… \
//   npx tsx agent.ts dev
import { fileURLToPath } from "node:url";
import { type JobContext, WorkerOptions, cli, defineAgent, llm, voice } from "@livekit/agents";
import { z } from "zod";
import { transcriptFromReport, uploadTranscript } from "./countersign-upload";

const AGENT_NAME = "frontdesk";
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function multimail(method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${env("MULTIMAIL_API_URL").replace(/\/$/, "")}${path}`, {
    method,
    headers: { authorization: `Bearer ${env("MULTIMAIL_SEND_KEY")}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(`MultiMail ${method} ${path} → ${response.status}`);
  return json;
}

export default defineAgent({
  entry: async (ctx: JobContext) => {
    await ctx.connect();
    const startedAt = new Date();
    const roomSid = await ctx.room.getSid();
    const session = new voice.AgentSession({ stt: "deepgram/nova-3", llm: "openai/gpt-4.1-mini", tts: "cartesia/sonic-2" });

    const sendFollowUp = llm.tool({
      description: "Send a follow-up email to the caller. A human approves it before it goes out. Only include what was said on this call.",
      parameters: z.object({
        to: z.string().describe("the caller's email address, as they gave it"),
        subject: z.string(),
        markdown: z.string().describe("the body in markdown"),
        note: z.string().optional().describe("anything the reviewer should double-check"),
        confidence: z.number().min(0).max(1).optional(),
      }),
      execute: async ({ to, subject, markdown, note, confidence }) => {
        const caller = [...ctx.room.remoteParticipants.values()].find((p) => !p.identity.startsWith("agent-"));
        // The turns behind the email: the caller's messages so far (chat_history item ids).
        const evidence = session.history.items.filter((item) => item.type === "message" && item.role === "user").map((item) => item.id);
        const voiceContext = {
          provider: "livekit",
          room_sid: roomSid,
          room_name: ctx.room.name,
          job_id: ctx.job.id,
          agent_name: AGENT_NAME,
          caller_identity: caller?.identity,
          evidence_item_ids: evidence.slice(-10),
          agent_note: note,
          confidence,
          drafted_at: new Date().toISOString(),
        };
        const mailbox = env("MULTIMAIL_MAILBOX_ID");
        const sent = await multimail("POST", `/v1/mailboxes/${mailbox}/send`, {
          to: [to],
          subject,
          markdown,
          metadata: { voice: voiceContext },
          idempotency_key: `${ctx.job.id}-${subject}`,
        });
        // Tags are MultiMail's documented per-email key/values: the session travels there too.
        const tags = Object.fromEntries(
          Object.entries(voiceContext).flatMap(([k, v]) => (v === undefined || v === "" ? [] : [[k, Array.isArray(v) ? v.join(",") : String(v)]])),
        );
        await multimail("PUT", `/v1/mailboxes/${mailbox}/emails/${String(sent.id)}/tags`, { tags });
        return "The email is written and held for a human to approve; tell the caller it will arrive shortly.";
      },
    });

    // At shutdown, not on participant_disconnected: the last utterance is only in the history then (§3.1).
    ctx.addShutdownCallback(async () => {
      // sessionReportToJSON is snake_case with seconds; history.toJSON() is camelCase with ms (§3.2).
      const report = voice.sessionReportToJSON(ctx.makeSessionReport(session));
      await uploadTranscript({
        dashboardUrl: env("COUNTERSIGN_URL"),
        key: env("TRANSCRIPT_INGEST_KEY"),
        secret: env("TRANSCRIPT_INGEST_SECRET"),
        body: transcriptFromReport(report as Parameters<typeof transcriptFromReport>[0], { agentName: AGENT_NAME, startedAt, closeReason: "job_shutdown" }),
      }).catch((error: unknown) => console.error("transcript upload failed", error));
    });

    await session.start({
      agent: new voice.Agent({
        instructions: "You are the front desk of Acme Dental. Book appointments. When the caller asks for a confirmation by email, call send_follow_up.",
        tools: { send_follow_up: sendFollowUp },
      }),
      room: ctx.room,
    });
  },
});

cli.runApp(new WorkerOptions({ agent: fileURLToPath(import.meta.url), agentName: AGENT_NAME }));
