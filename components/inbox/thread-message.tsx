"use client";
// One message of a thread. Its body is untrusted and shown inert (sanitised, in a sandboxed frame,
// remote content blocked until asked for). An unread message stays closed until the reviewer opens
// it, because fetching it is what marks it read in MultiMail.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { EmailFrame } from "@/components/review/email-frame";
import { StateBadge } from "@/components/review/state-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { attachmentHref, messageQuery } from "@/lib/inbox/queries";
import type { ThreadMessage as Message } from "@/lib/inbox/schemas";
import { MessageBadges } from "./message-badges";
import { DateTime } from "@/components/ui/date-time";

function size(bytes: number | null) {
  if (bytes === null) return "";
  return bytes >= 1024 * 1024 ? ` · ${(bytes / 1024 / 1024).toFixed(1)} MB` : ` · ${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function ThreadMessage({ mailboxId, message }: { mailboxId: string; message: Message }) {
  const [open, setOpen] = useState(false);
  const [remote, setRemote] = useState(false);
  const opened = useQuery({ ...messageQuery(mailboxId, message.id, false), enabled: open });
  const withRemote = useQuery({ ...messageQuery(mailboxId, message.id, true), enabled: remote });
  const shown = withRemote.data ?? opened.data ?? message;
  const body = remote && withRemote.data ? withRemote.data.body : shown.body;
  const inbound = message.direction === "inbound";
  const status = opened.data?.status ?? message.status;
  const attachments = shown.attachments.length ? shown.attachments : [];

  return (
    <article
      aria-label={`${inbound ? "From" : "To"} ${inbound ? message.from : message.to.join(", ")}: ${message.subject || "(no subject)"}`}
      className="rounded-md border border-line bg-panel"
    >
      <header className="space-y-1 border-b border-line p-3 text-sm sm:p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="min-w-0 break-words">
            <span className="font-medium">{message.from ?? (inbound ? "unknown sender" : "this mailbox")}</span>
            <span className="text-muted"> → {message.to.join(", ") || "—"}</span>
            {shown.cc.length ? <span className="text-muted"> · cc {shown.cc.join(", ")}</span> : null}
          </p>
          <p className="text-muted">{message.receivedAt ? <DateTime at={message.receivedAt} /> : null}</p>
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <MessageBadges message={{ ...message, status }} />
          {message.writtenBy ? <Badge tone="info">Written by {message.writtenBy} in Countersign</Badge> : null}
          {message.review ? (
            <>
              {/* MultiMail's status already says "held"; the review adds news only once decided. */}
              {message.review.state !== "pending" ? <StateBadge state={message.review.state} /> : null}
              <Link href={`/emails/${message.review.itemId}`} className="text-accent underline">
                {message.review.state === "pending" ? "Review this draft" : "Open its review"}
              </Link>
            </>
          ) : null}
        </div>
        {message.review?.decisionReason && message.status === "rejected" ? (
          <p className="text-muted">
            Rejected{message.review.decidedBy ? ` by ${message.review.decidedBy}` : ""}: {message.review.decisionReason}
          </p>
        ) : null}
      </header>

      {body === null ? (
        <div className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm sm:p-4">
          <span className="text-muted">Not read yet. Opening it marks it read in MultiMail for everyone.</span>
          <Button size="sm" variant="primary" onClick={() => setOpen(true)} disabled={opened.isFetching}>
            {opened.isFetching ? "Opening…" : "Open message"}
          </Button>
          {opened.error ? (
            <p role="alert" className="w-full text-bad">
              {opened.error.message}
            </p>
          ) : null}
        </div>
      ) : (
        <>
          {body.blockedRemoteContent > 0 && !remote ? (
            <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line bg-warn/10 px-4 py-2 text-sm">
              <span>
                {body.blockedRemoteContent} remote image{body.blockedRemoteContent === 1 ? " was" : "s were"} blocked to protect your privacy.
              </span>
              <Button size="sm" onClick={() => setRemote(true)}>
                Load remote content
              </Button>
            </div>
          ) : null}
          <EmailFrame html={body.html} allowRemote={remote && Boolean(withRemote.data)} title={`Body of “${message.subject || "(no subject)"}”`} />
        </>
      )}

      {attachments.length ? (
        <footer className="border-t border-line p-3 text-sm sm:p-4">
          <h3 className="sr-only">Attachments</h3>
          <ul className="flex flex-wrap gap-2">
            {attachments.map((a) => (
              <li key={a.name}>
                <a
                  href={attachmentHref(mailboxId, message.id, a.name)}
                  className="inline-flex rounded border border-line px-2 py-1 text-accent underline"
                  rel="noopener noreferrer"
                  download={a.name}
                >
                  Download {a.name}
                  {size(a.size)}
                </a>
              </li>
            ))}
          </ul>
        </footer>
      ) : message.hasAttachments && body === null ? (
        <p className="border-t border-line p-3 text-xs text-muted sm:p-4">Has attachments: open the message to list them.</p>
      ) : null}
    </article>
  );
}
