"use client";
// One contact's timeline, newest first: calls (to their session page) and emails both ways (to
// their thread and, for held or decided ones, their review), with what became of each.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { statusLabel } from "@/components/inbox/message-badges";
import { Badge } from "@/components/ui/badge";
import { contactQuery, threadHref } from "@/lib/inbox/queries";
import type { TimelineEntry } from "@/lib/inbox/schemas";
import { useLiveUpdates } from "@/components/realtime/use-live-updates";
import { DateTime } from "@/components/ui/date-time";

type Tone = "neutral" | "info" | "ok" | "warn" | "bad";
const outcomes: Record<string, { text: string; tone: Tone }> = {
  held: { text: "Held for review", tone: "warn" },
  approved: { text: "Approved", tone: "ok" },
  rejected: { text: "Rejected", tone: "bad" },
  delivered: { text: "Delivered", tone: "ok" },
  bounced: { text: "Bounced", tone: "bad" },
  sent: { text: "Sent", tone: "ok" },
  scheduled: { text: "Scheduled", tone: "info" },
  cancelled: { text: "Cancelled", tone: "neutral" },
  failed: { text: "Send failed", tone: "bad" },
  spam: { text: "Spam", tone: "bad" },
};

function When({ at }: { at: string | null }) {
  return at ? <DateTime at={at} /> : <span>date unknown</span>;
}

function EmailEntry({ entry }: { entry: Extract<TimelineEntry, { kind: "email" }> }) {
  const inbound = entry.direction === "inbound";
  const outcome = inbound ? statusLabel(entry.status) : (outcomes[entry.outcome] ?? { text: entry.outcome, tone: "neutral" as Tone });
  return (
    <>
      <p className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium uppercase tracking-wide text-muted">{inbound ? "Email from them" : "Email to them"}</span>
        <Badge tone={outcome.tone}>{outcome.text}</Badge>
        {entry.writtenBy ? <Badge tone="info">Written by {entry.writtenBy}</Badge> : null}
      </p>
      <p className="font-medium break-words">{entry.subject || "(no subject)"}</p>
      {entry.preview ? (
        <p className="line-clamp-2 text-sm text-muted">{entry.preview}</p>
      ) : inbound ? (
        <p className="text-sm text-muted">Not opened yet: read it in its thread.</p>
      ) : null}
      <p className="flex flex-wrap gap-x-3 text-sm">
        {entry.threadId ? (
          <Link href={threadHref(entry.mailboxId, entry.threadId)} className="text-accent underline">
            Open thread
          </Link>
        ) : null}
        {entry.review ? (
          <Link href={`/emails/${entry.review.itemId}`} className="text-accent underline">
            {entry.review.state === "pending" ? "Review it" : "Its review"}
          </Link>
        ) : null}
        {entry.roomSid ? (
          <Link href={`/sessions/${encodeURIComponent(entry.roomSid)}`} className="text-accent underline">
            Its call
          </Link>
        ) : null}
      </p>
    </>
  );
}

export function ContactTimelineView({ email }: { email: string }) {
  useLiveUpdates();
  const { data, error } = useQuery(contactQuery(email));
  if (error)
    return (
      <p role="alert" className="rounded-md border border-bad/40 bg-panel p-4 text-bad">
        {error.message}
      </p>
    );
  if (!data) return <p aria-busy="true">Loading…</p>;
  const { contact, entries } = data;
  const calls = entries.filter((e) => e.kind === "session").length;
  return (
    <div className="space-y-4">
      <Link href="/contacts" className="text-sm text-muted hover:text-fg">
        ← Contacts
      </Link>
      <header>
        <h1 className="text-xl font-semibold break-words">{contact.name ?? contact.email}</h1>
        {contact.name ? <p className="break-all text-sm text-muted">{contact.email}</p> : null}
        <p className="text-sm text-muted">
          {calls} call{calls === 1 ? "" : "s"} · {entries.length - calls} email{entries.length - calls === 1 ? "" : "s"}
        </p>
      </header>
      <ol aria-label="Timeline" className="relative space-y-3 border-l-2 border-line pl-4">
        {entries.map((entry) => (
          <li key={entry.kind === "session" ? `s-${entry.roomSid}` : `e-${entry.id}`} className="relative rounded-md border border-line bg-panel p-3">
            <span
              aria-hidden
              className={`absolute -left-[1.4rem] top-4 h-2.5 w-2.5 rounded-full ${entry.kind === "session" ? "bg-accent" : entry.direction === "inbound" ? "bg-warn" : "bg-ok"}`}
            />
            <p className="mb-1 text-xs text-muted">
              <When at={entry.at} />
            </p>
            {entry.kind === "session" ? (
              <>
                <p className="text-xs font-medium uppercase tracking-wide text-muted">Call</p>
                <p className="font-medium">
                  <Link href={`/sessions/${encodeURIComponent(entry.roomSid)}`} className="text-accent underline">
                    {entry.caller ? `Call with ${entry.caller}` : `Call ${entry.roomName ?? entry.roomSid}`}
                  </Link>
                </p>
                <p className="text-sm text-muted">
                  {entry.endedAt ? (
                    <>
                      Ended <When at={entry.endedAt} />
                    </>
                  ) : (
                    "Not reported as ended"
                  )}
                  {entry.emails ? ` · ${entry.emails} email${entry.emails === 1 ? "" : "s"} from this call` : ""}
                </p>
              </>
            ) : (
              <EmailEntry entry={entry} />
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
