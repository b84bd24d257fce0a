"use client";
// The queue's rows; one is focused for the keyboard, and the whole row opens the review page. On the
// Held tab a reviewer selects rows for a bulk decision: a checkbox each (Shift+click for a range),
// `x` on the focused row, and a checkbox for the whole page.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { HoldBadges } from "@/components/inbox/hold-badges";
import { isTypingTarget, useShortcuts } from "@/components/keyboard/shortcuts";
import { StateBadge } from "@/components/review/state-badge";
import type { QueueRow } from "@/lib/review/schemas";
import { HeldFor } from "./held-for";
import { SlaCountdown } from "./sla-countdown";
import { VoiceBadges } from "./voice-badges";
import { formatDateTime } from "@/lib/format-date";

export interface QueueSelection {
  /** Rows can be selected (a reviewer on the Held tab). */
  enabled: boolean;
  ids: ReadonlySet<string>;
  /** Selects or clears these rows. */
  set: (ids: string[], selected: boolean) => void;
}

export function QueueTable({ rows, busy, onOpen, selection }: { rows: QueueRow[]; busy: boolean; onOpen: (id: string) => void; selection?: QueueSelection }) {
  const [picked, setSelected] = useState(0);
  // Rows leave the queue as they are decided; keep the focus on a row that still exists.
  const selected = Math.min(picked, Math.max(0, rows.length - 1));
  // Where a Shift+click range starts: the last row whose checkbox was clicked or toggled with `x`.
  const anchor = useRef<string | null>(null);
  const selectable = Boolean(selection?.enabled);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A row's checkbox keeps j/k/Enter working; text fields, selects and editors do not.
      if (isTypingTarget(event.target)) return;
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

  const toggle = (index: number, range: boolean) => {
    const row = rows[index];
    if (!row || !selection) return;
    const next = !selection.ids.has(row.id);
    const from = range && anchor.current ? rows.findIndex((r) => r.id === anchor.current) : -1;
    if (from >= 0) {
      const [lo, hi] = from < index ? [from, index] : [index, from];
      selection.set(
        rows.slice(lo, hi + 1).map((r) => r.id),
        next,
      );
    } else selection.set([row.id], next);
    anchor.current = row.id;
  };

  useShortcuts([
    {
      key: "x",
      label: "Select or clear the focused email",
      group: "Queue",
      when: selectable && rows.length > 0,
      run: () => toggle(selected, false),
    },
  ]);

  const pageIds = rows.map((r) => r.id);
  const onPage = selection ? pageIds.filter((id) => selection.ids.has(id)).length : 0;

  return (
    <div className={`overflow-hidden rounded-md border border-line bg-panel ${busy ? "opacity-90" : ""}`}>
      {selectable && selection ? (
        <div className="flex items-center gap-3 border-b border-line px-4 py-2 text-sm">
          <input
            type="checkbox"
            aria-label="Select every email on this page"
            className="h-4 w-4 accent-[var(--accent)]"
            checked={onPage > 0 && onPage === pageIds.length}
            ref={(el) => {
              if (el) el.indeterminate = onPage > 0 && onPage < pageIds.length;
            }}
            onChange={(e) => selection.set(pageIds, e.target.checked)}
          />
          <span className="text-muted">{onPage > 0 ? `${onPage} of ${pageIds.length} on this page selected` : "Select emails for a bulk decision"}</span>
        </div>
      ) : null}
      <ul aria-label="Held emails" className="divide-y divide-line">
        {rows.map((row, index) => {
          const checked = selection?.ids.has(row.id) ?? false;
          return (
            <li
              key={row.id}
              aria-current={index === selected ? "true" : undefined}
              className={`flex items-stretch ${index === selected ? "bg-accent/5 shadow-[inset_3px_0_0_var(--accent)]" : ""} ${checked ? "bg-accent/10" : ""}`}
            >
              {selectable ? (
                <label className="flex cursor-pointer items-start py-3.5 pl-4 pr-1">
                  <input
                    type="checkbox"
                    className="h-4 w-4 accent-[var(--accent)]"
                    aria-label={`Select “${row.subject || "(no subject)"}”`}
                    checked={checked}
                    onFocus={() => setSelected(index)}
                    onChange={(e) => {
                      setSelected(index);
                      // A checkbox's change comes from its click, which carries the Shift key of a range.
                      toggle(index, (e.nativeEvent as MouseEvent).shiftKey === true);
                    }}
                  />
                </label>
              ) : null}
              <Link
                href={`/emails/${row.id}`}
                className="grid min-w-0 flex-1 gap-x-4 gap-y-1 px-4 py-3 hover:bg-bg sm:grid-cols-[minmax(0,1fr)_14rem_8rem]"
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
                        title={`Opened ${formatDateTime(row.claimedBy.since)}`}
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
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm sm:block sm:text-right">
                  <p className="text-muted">
                    <span className="sr-only">Held for </span>
                    <HeldFor since={row.heldAt} />
                  </p>
                  {row.state === "pending" && row.dueAt ? (
                    <p className="sm:mt-0.5">
                      <SlaCountdown dueAt={row.dueAt} slaMinutes={row.slaMinutes} compact />
                    </p>
                  ) : null}
                  <p className="truncate text-xs text-muted" title={row.mailboxLabel}>
                    {row.mailboxLabel.replace(/^.*<(.+)>$/, "$1")}
                  </p>
                </div>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
