// A queue row's voice session at a glance: is the session known, where is the transcript, and how
// many evidence problems the review page will show.
import { ProblemsBadge } from "@/components/review/problems-badge";
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
      <ProblemsBadge problems={voice.findings} checked={voice.transcript === "ready"} />
      {transcript ? <Badge tone={transcript.tone}>{transcript.text}</Badge> : null}
      {voice.transcript !== "none" && !voice.session ? <Badge title="LiveKit has not reported this session yet">No session yet</Badge> : null}
    </p>
  );
}
