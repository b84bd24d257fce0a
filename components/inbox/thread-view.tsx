"use client";
// A thread: every message in order with its state, the contacts in it, and a reply box for reviewers.
// New messages, decisions and delivery news arrive live (inbox.updated events).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { contactHref, threadQuery } from "@/lib/inbox/queries";
import { useLiveUpdates } from "@/components/realtime/use-live-updates";
import { ModeBadge } from "./message-badges";
import { ReplyForm } from "./reply-form";
import { ThreadMessage } from "./thread-message";

export function ThreadView({ mailboxId, threadId, canReply }: { mailboxId: string; threadId: string; canReply: boolean }) {
  const live = useLiveUpdates();
  const { data, error } = useQuery(threadQuery(mailboxId, threadId));
  if (error)
    return (
      <p role="alert" className="rounded-md border border-bad/40 bg-panel p-4 text-bad">
        {error.message}
      </p>
    );
  if (!data) return <p aria-busy="true">Loading…</p>;
  const target = data.messages.find((m) => m.id === data.replyTo);
  const targetLabel = target ? (target.direction === "inbound" ? (target.from ?? "the sender") : target.to.join(", ")) : "";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/inbox/${encodeURIComponent(mailboxId)}`} className="text-sm text-muted hover:text-fg">
          ← {data.mailbox.displayName ?? data.mailbox.address}
        </Link>
        <ModeBadge mode={data.mailbox.oversightMode} />
        {data.hasUnansweredInbound ? <Badge tone="warn">Awaiting our reply</Badge> : null}
        <span className="inline-flex items-center gap-1 text-xs text-muted" aria-live="polite">
          <span aria-hidden className={`h-2 w-2 rounded-full ${live === "live" ? "bg-ok" : live === "connecting" ? "bg-warn" : "bg-bad"}`} />
          {live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Offline: reload to refresh"}
        </span>
      </div>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold break-words">{data.subject || "(no subject)"}</h1>
        <p className="text-sm text-muted">
          {data.messages.length} message{data.messages.length === 1 ? "" : "s"}
          {data.contacts.length ? (
            <>
              {" · with "}
              {data.contacts.map((c, i) => (
                <span key={c}>
                  {i > 0 ? ", " : ""}
                  <Link href={contactHref(c)} className="text-accent underline">
                    {c}
                  </Link>
                </span>
              ))}
            </>
          ) : null}
        </p>
      </header>
      <ol aria-label="Messages in this thread" className="space-y-3">
        {data.messages.map((m) => (
          <li key={m.id}>
            <ThreadMessage mailboxId={mailboxId} message={m} />
          </li>
        ))}
      </ol>
      {canReply && data.replyTo ? (
        <ReplyForm mailboxId={mailboxId} threadId={threadId} replyTo={data.replyTo} replyToLabel={targetLabel} mode={data.mailbox.oversightMode} />
      ) : !canReply ? (
        <p className="rounded-md border border-line bg-panel p-3 text-sm text-muted">Read-only: your role cannot reply.</p>
      ) : null}
    </div>
  );
}
