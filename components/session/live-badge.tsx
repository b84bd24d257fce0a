"use client";
// "Live now" while LiveKit still has the room; quiet when LiveKit cannot be reached.
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { liveStatusQuery } from "@/lib/livekit/queries";

export function LiveBadge({ roomSid }: { roomSid: string }) {
  const { data } = useQuery(liveStatusQuery(roomSid));
  if (!data || data.status === "not_configured") return null;
  if (data.status === "live") {
    return (
      <Badge tone="bad" title={`LiveKit reports the room as active${data.participants !== null ? ` with ${data.participants} participant(s)` : ""}.`}>
        <span aria-hidden className="mr-1 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-bad" />
        Call live now
      </Badge>
    );
  }
  if (data.status === "ended") return <Badge title="LiveKit no longer has this room.">Call ended</Badge>;
  return <Badge title="LiveKit could not be reached; the call's status is unknown.">Live status unknown</Badge>;
}
