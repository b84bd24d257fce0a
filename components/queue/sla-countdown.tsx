"use client";
// The time left to decide a held email under its mailbox's SLA: "12 min left", "overdue 5 min".
// Near breach and breach read in words and an icon, not by colour alone. Refreshes every 30 s.
import { useEffect, useState } from "react";
import { slaStatus } from "@/lib/review/sla-status";
import { formatDateTime } from "@/lib/format-date";

/**
 * `dueAt` and `slaMinutes` as the queue row and the item detail carry them (null without an SLA:
 * renders nothing). `compact` drops the "Due" prefix for the queue's narrow column.
 */
export function SlaCountdown({ dueAt, slaMinutes, compact = false }: { dueAt: string | null; slaMinutes: number | null; compact?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const status = slaStatus(dueAt, slaMinutes, now);
  if (!status || !dueAt) return null;
  const due = new Date(dueAt);
  const tone = status.level === "breached" ? "border-bad/50 text-bad" : status.level === "near" ? "border-warn/50 text-warn" : "border-line text-muted";
  const title = `Due ${formatDateTime(due)}${slaMinutes ? ` (decide within ${slaMinutes} min of the call's end)` : ""}`;
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${tone}`}
      title={title}
      data-sla={status.level}
      suppressHydrationWarning
    >
      {status.level === "ok" ? null : <SlaIcon level={status.level} />}
      <span suppressHydrationWarning>
        <span className="sr-only">Decision SLA: </span>
        {status.level === "near" ? (compact ? "Soon: " : "Due soon: ") : status.level === "ok" && !compact ? "Due: " : ""}
        {status.label}
      </span>
    </span>
  );
}

function SlaIcon({ level }: { level: "near" | "breached" }) {
  return level === "breached" ? (
    // An exclamation mark in a circle: past due.
    <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.75">
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 4.5v4M8 11v.5" strokeLinecap="round" />
    </svg>
  ) : (
    // An hourglass: running out.
    <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinejoin="round">
      <path d="M4 2h8M4 14h8M5 2c0 3 6 3 6 6s-6 3-6 6M11 2c0 3-6 3-6 6s6 3 6 6" />
    </svg>
  );
}
