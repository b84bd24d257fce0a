"use client";
// The queue's rows; one is selected for the keyboard, and the whole row opens the review page.
import Link from "next/link";
import { useEffect, useState } from "react";
import { HoldBadges } from "@/components/inbox/hold-badges";
import { StateBadge } from "@/components/review/state-badge";
import type { QueueRow } from "@/lib/review/schemas";
import { HeldFor } from "./held-for";
import { VoiceBadges } from "./voice-badges";

export function QueueTable({ rows, busy, onOpen }: { rows: QueueRow[]; busy: boolean; onOpen: (id: string) => void }) {
  const [picked, setSelected] = useState(0);
  // Rows leave the queue as they are decided; keep the selection on a row that still exists.
  const selected = Math.min(picked, Math.max(0, rows.length - 1));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "j" || event.key === "ArrowDown") setSelected((s) => Math.min(rows.length - 1, s + 1));
      else if (event.key === "k" || event.key === "ArrowUp") setSelected((s) => Math.max(0, s - 1));
      else if (event.key === "Enter" && rows[selected]) onOpen(rows[selected].id);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selected, onOpen]);

  return (
    <div className={`overflow-hidden rounded-md border border-line bg-panel ${busy ? "opacity-90" : ""}`}>
      <ul aria-label="Held emails" className="divide-y divide-line">
        {rows.map((row, index) => (
          <li
            key={row.id}
            aria-current={index === selected ? "true" : undefined}
            className={index === selected ? "bg-accent/5 shadow-[inset_3px_0_0_var(--accent)]" : ""}
          >
            <Link
              href={`/emails/${row.id}`}
              className="grid gap-x-4 gap-y-1 px-4 py-3 hover:bg-bg sm:grid-cols-[minmax(0,1fr)_14rem_6rem]"
              onFocus={() => setSelected(index)}
            >
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="truncate font-medium">{row.subject || "(no subject)"}</span>
                  {row.state !== "pending" ? <StateBadge state={row.state} delivery={row.delivery} /> : null}
                  {row.attention ? <span className="text-xs text-warn">Needs attention</span> : null}
                  <HoldBadges inbox={row.inbox} />
                  {row.claimedBy ? (
                    <span
                      className="whitespace-nowrap rounded-full bg-accent/10 px-2 py-0.5 text-xs text-accent"
                      title={`Opened ${new Date(row.claimedBy.since).toLocaleTimeString()}`}
                    >
                      {row.claimedBy.name} is reviewing
                    </span>
                  ) : null}
                </div>
                <p className="truncate text-sm text-muted">
                  <span className="text-fg">To {row.to.join(", ") || "—"}</span> · {row.preview}
                </p>
              </div>
              <div className="min-w-0 text-sm">
                {row.sessionId || row.callerEmail || row.callerName ? (
                  <>
                    <p className="truncate">{row.callerName ?? row.callerEmail ?? "Unknown caller"}</p>
                    <p className="truncate text-xs text-muted">
                      {row.sessionId ? <span className="font-mono">{row.sessionId}</span> : "no session id"}
                      {row.transcriptUrl ? " · transcript" : ""}
                    </p>
                  </>
                ) : (
                  <p className="text-xs text-muted">No voice session</p>
                )}
                {row.voice ? <VoiceBadges voice={row.voice} /> : null}
              </div>
              <div className="text-right text-sm">
                <p className="text-muted">
                  <HeldFor since={row.heldAt} />
                </p>
                <p className="truncate text-xs text-muted" title={row.mailboxLabel}>
                  {row.mailboxLabel.replace(/^.*<(.+)>$/, "$1")}
                </p>
              </div>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
