"use client";
// The inbox home: every mailbox with its oversight mode and its held and unread mail.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { mailboxesQuery } from "@/lib/inbox/queries";
import { useLiveUpdates } from "@/components/realtime/use-live-updates";
import { ModeBadge } from "./message-badges";

export function MailboxList() {
  useLiveUpdates();
  const { data, error } = useQuery(mailboxesQuery());
  return (
    <section aria-labelledby="inbox-title" className="space-y-4">
      <div>
        <h1 id="inbox-title" className="text-xl font-semibold">
          Inbox
        </h1>
        <p className="text-sm text-muted">The team&apos;s MultiMail mailboxes: customer replies, the agents&apos; follow-ups and the drafts held for review.</p>
      </div>
      {error ? (
        <p role="alert" className="rounded-md border border-bad/40 bg-panel p-4 text-sm text-bad">
          Could not load the mailboxes: {error.message}
        </p>
      ) : null}
      {data?.error ? (
        <p role="alert" className="rounded-md border border-warn/50 bg-warn/10 p-3 text-sm">
          {data.error}
        </p>
      ) : null}
      {data && !data.configured ? (
        <p className="rounded-md border border-line bg-panel p-4 text-sm">
          MultiMail is not connected: set <code>MULTIMAIL_API_URL</code> and <code>MULTIMAIL_OVERSIGHT_KEY</code>.
        </p>
      ) : null}
      {data && data.mailboxes.length === 0 && data.configured ? (
        <p className="rounded-md border border-line bg-panel p-6 text-center text-sm text-muted">This MultiMail account has no mailbox yet.</p>
      ) : null}
      {data ? (
        <ul aria-label="Mailboxes" className="grid gap-3 md:grid-cols-2">
          {data.mailboxes.map((m) => (
            <li key={m.id} className="rounded-md border border-line bg-panel p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h2 className="font-semibold">
                    <Link href={`/inbox/${encodeURIComponent(m.id)}`} className="hover:underline">
                      {m.displayName ?? m.address}
                    </Link>
                  </h2>
                  <p className="break-all text-sm text-muted">{m.address}</p>
                </div>
                <ModeBadge mode={m.oversightMode} />
              </div>
              <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
                <div className="flex gap-1.5">
                  <dt className="text-muted">Held</dt>
                  <dd>
                    {m.held > 0 ? (
                      <Link href={`/?mailbox=${encodeURIComponent(m.id)}`} className="font-medium text-accent underline">
                        {m.held} in the queue
                      </Link>
                    ) : (
                      "none"
                    )}
                  </dd>
                </div>
                <div className="flex gap-1.5">
                  <dt className="text-muted">Unread</dt>
                  <dd className={m.unread ? "font-medium" : undefined}>
                    {m.unread === null ? <span title="MultiMail could not be asked">unknown</span> : m.unread === 0 ? "none" : `${m.unread}${m.unreadMore ? "+" : ""}`}
                  </dd>
                </div>
              </dl>
              <p className="mt-3 text-sm">
                <Link href={`/inbox/${encodeURIComponent(m.id)}`} className="text-accent underline">
                  Open messages
                </Link>
                {m.unread ? (
                  <>
                    {" "}
                    ·{" "}
                    <Link href={`/inbox/${encodeURIComponent(m.id)}?status=unread`} className="text-accent underline">
                      Unread only
                    </Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : !error ? (
        <p aria-busy="true">Loading…</p>
      ) : null}
    </section>
  );
}
