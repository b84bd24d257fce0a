// Whether an email's transcript is ready, still expected, or overdue (livekit.md §3.4 "Dashboard
// states"). Without an end from LiveKit, the email's hold time stands in for it, so a deployment
// whose LiveKit webhooks are not connected still sees "missing" eventually.
import type { TranscriptState } from "./schemas";

export function transcriptStateOf(input: {
  linked: boolean;
  hasTranscript: boolean;
  endedAt: Date | null;
  heldAt?: Date | null;
  now: Date;
  missingAfterMs: number;
}): TranscriptState {
  if (input.hasTranscript) return "ready";
  if (!input.linked) return "none";
  const since = input.endedAt ?? input.heldAt ?? null;
  if (since && input.now.getTime() - since.getTime() > input.missingAfterMs) return "missing";
  return "pending";
}
