"use client";
// One mailbox's messages, newest first, as MultiMail lists them (filters, cursor pages); each row
// opens its thread. Unread rows stay unread until someone opens the message.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { CursorPager } from "@/components/ui/cursor-pager";
import { Badge } from "@/components/ui/badge";
import { mailboxEmailsQuery, threadHref } from "@/lib/inbox/queries";
import type { EmailRow } from "@/lib/inbox/schemas";
import { useLiveUpdates } from "@/components/realtime/use-live-updates";
import { EmailFiltersBar } from "./email-filters";
import { MessageBadges, ModeBadge } from "./message-badges";
import { useDebounced } from "./use-debounced";
import { useEmailFilters } from "./use-email-filters";
import { DateTime } from "@/components/ui/date-time";

function RowBody({ row }: { row: EmailRow }) {
  const inbound = row.direction === "inbound";
  const unread = row.status === "unread";
  return (
    <>
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2">
          <span className={`truncate ${unread ? "font-semibold" : "font-medium"}`}>{row.subject || "(no subject)"}</span>
          <MessageBadges message={row} />
          {row.hasAttachments ? <Badge title="Has attachments">Attachment</Badge> : null}
        </p>
        <p className="truncate text-sm text-muted">
          <span className="text-fg">{inbound ? `From ${row.from ?? "unknown sender"}` : `To ${row.to.join(", ") || "—"}`}</span>
          {" · "}
          {inbound ? "inbound" : "outbound"}
        </p>
      </div>
      <p className="text-sm text-muted sm:text-right">{row.receivedAt ? <DateTime at={row.receivedAt} /> : "—"}</p>
    </>
  );
}

export function MailboxEmailsView({ mailboxId }: { mailboxId: string }) {
  useLiveUpdates();
  const { filters, setFilters } = useEmailFilters();
  const settled = useDebounced(filters, 300);
  const { data, error, isFetching } = useQuery({ ...mailboxEmailsQuery(mailboxId, settled), placeholderData: (prev) => prev });
  const [cursors, setCursors] = useState<string[]>([]);
  const change = (patch: Parameters<typeof setFilters>[0]) => {
    setCursors([]);
    setFilters(patch);
  };
  const mailbox = data?.mailbox;

  return (
    <section aria-labelledby="mailbox-title" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/inbox" className="text-sm text-muted hover:text-fg">
          ← Mailboxes
        </Link>
        {mailbox ? <ModeBadge mode={mailbox.oversightMode} /> : null}
      </div>
      <div>
        <h1 id="mailbox-title" className="text-xl font-semibold break-words">
          {mailbox ? (mailbox.displayName ?? mailbox.address) : "Mailbox"}
        </h1>
        {mailbox ? <p className="break-all text-sm text-muted">{mailbox.address}</p> : null}
      </div>
      <EmailFiltersBar filters={filters} onChange={change} />
      {error ? (
        <p role="alert" className="rounded-md border border-bad/40 bg-panel p-4 text-sm text-bad">
          Could not load the messages: {error.message}
        </p>
      ) : null}
      {data && data.rows.length === 0 ? (
        <p className="rounded-md border border-line bg-panel p-6 text-center text-sm text-muted">No message matches these filters.</p>
      ) : data ? (
        <ul aria-label="Messages" className={`divide-y divide-line overflow-hidden rounded-md border border-line bg-panel ${isFetching ? "opacity-90" : ""}`}>
          {data.rows.map((row) => (
            <li key={row.id} className={row.status === "unread" ? "shadow-[inset_3px_0_0_var(--accent)]" : undefined}>
              {row.threadId ? (
                <Link href={threadHref(mailboxId, row.threadId)} className="grid gap-x-4 gap-y-1 px-4 py-3 hover:bg-bg sm:grid-cols-[minmax(0,1fr)_12rem]">
                  <RowBody row={row} />
                </Link>
              ) : (
                <div className="grid gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_12rem]" title="MultiMail gave this message no thread">
                  <RowBody row={row} />
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : !error ? (
        <p aria-busy="true">Loading…</p>
      ) : null}
      {data ? (
        <CursorPager
          trail={cursors}
          nextCursor={data.nextCursor}
          previousLabel="Newer"
          nextLabel="Older"
          onMove={(trail, cursor) => {
            setCursors(trail);
            setFilters({ cursor });
          }}
        />
      ) : null}
    </section>
  );
}
