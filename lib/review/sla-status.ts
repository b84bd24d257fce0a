// How close a held email is to its SLA's due time (client-safe: the queue's countdown and the
// server's escalation share these rules). An SLA is "decide within N minutes of the call's end".

/** Near breach: at most this share of the SLA window left… */
export const NEAR_BREACH_SHARE = 0.2;
/** …or at most this many minutes, whichever is longer. */
export const NEAR_BREACH_MINUTES = 5;

export type SlaLevel = "ok" | "near" | "breached";

export interface SlaStatus {
  level: SlaLevel;
  /** Whole minutes left (positive) or overdue (negative, rounded away from zero). */
  minutes: number;
  /** "12 min left", "overdue 5 min", "overdue <1 min". */
  label: string;
}

/** How long before the due time an item counts as near breach, in milliseconds. */
export function nearBreachLeadMs(slaMinutes: number): number {
  return Math.max(slaMinutes * NEAR_BREACH_SHARE, NEAR_BREACH_MINUTES) * 60_000;
}

function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** The status of a due time at `now`; null when the item has no SLA. */
export function slaStatus(dueAt: string | Date | null | undefined, slaMinutes: number | null | undefined, now: number = Date.now()): SlaStatus | null {
  if (!dueAt) return null;
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return null;
  const left = due - now;
  if (left <= 0) {
    const over = Math.floor(-left / 60_000);
    return { level: "breached", minutes: -Math.max(over, 0), label: `overdue ${over < 1 ? "<1 min" : duration(over)}` };
  }
  const minutes = Math.ceil(left / 60_000);
  const near = left <= nearBreachLeadMs(slaMinutes ?? 0);
  return { level: near ? "near" : "ok", minutes, label: `${duration(minutes)} left` };
}
