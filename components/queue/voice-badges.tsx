// A queue row's voice session at a glance: is the session known, where is the transcript, and how
// many evidence findings need a look.
import { Badge } from "@/components/ui/badge";
import type { QueueVoice } from "@/lib/livekit/schemas";

const transcriptText: Record<QueueVoice["transcript"], { text: string; tone: "ok" | "info" | "warn" | "neutral" } | null> = {
  ready: { text: "Transcript", tone: "ok" },
  pending: { text: "Transcript pending", tone: "info" },
  missing: { text: "Transcript missing", tone: "warn" },
  none: null,
};

export function VoiceBadges({ voice }: { voice: QueueVoice }) {
  const transcript = transcriptText[voice.transcript];
  return (
    <p className="mt-1 flex flex-wrap gap-1">
      {voice.findings > 0 ? (
        <Badge tone="bad" title="Evidence findings that need a look: unsupported or mismatched specifics, the recipient, the agent's own doubt">
          {voice.findings} finding{voice.findings === 1 ? "" : "s"}
        </Badge>
      ) : voice.transcript === "ready" ? (
        <Badge tone="ok">No findings</Badge>
      ) : null}
      {transcript ? <Badge tone={transcript.tone}>{transcript.text}</Badge> : null}
      {voice.transcript !== "none" && !voice.session ? (
        <Badge title="LiveKit has not reported this session yet">No session yet</Badge>
      ) : null}
    </p>
  );
}
