import { Badge } from "@/components/ui/badge";
import type { TranscriptState } from "@/lib/livekit/schemas";

const labels: Record<TranscriptState, { text: string; tone: "neutral" | "info" | "ok" | "warn" | "bad"; title: string }> = {
  ready: { text: "Transcript ready", tone: "ok", title: "The agent uploaded the transcript of this call." },
  pending: { text: "Transcript pending", tone: "info", title: "The agent uploads the transcript when the session ends." },
  missing: { text: "Transcript missing", tone: "warn", title: "The call ended a while ago and no transcript arrived." },
  none: { text: "No voice session", tone: "neutral", title: "This email names no voice session." },
};

export function TranscriptStateBadge({ state }: { state: TranscriptState }) {
  const label = labels[state];
  return (
    <Badge tone={label.tone} title={label.title}>
      {label.text}
    </Badge>
  );
}
