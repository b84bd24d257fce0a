// A held email's inbox facts at a glance in the queue: stale (with what is newer) and who wrote a reply.
import { Badge } from "@/components/ui/badge";
import type { QueueInbox } from "@/lib/inbox/schemas";

export function HoldBadges({ inbox }: { inbox: QueueInbox | undefined }) {
  if (!inbox || (!inbox.stale && !inbox.writtenBy)) return null;
  const newest = inbox.stale?.newer[0];
  const staleText = newest?.kind === "reply" ? "Stale: the contact replied" : "Stale: the contact called again";
  const staleTitle = newest
    ? newest.kind === "reply"
      ? `${newest.from} wrote “${newest.subject}” after this draft was written`
      : `${newest.caller} called again after this draft was written`
    : undefined;
  return (
    <>
      {inbox.stale ? (
        <Badge tone="warn" title={staleTitle}>
          {staleText}
        </Badge>
      ) : null}
      {inbox.writtenBy ? (
        <Badge tone="info" title="A reply written in Countersign">
          Written by {inbox.writtenBy.name}
        </Badge>
      ) : null}
    </>
  );
}
