"use client";
// The live counts of the held queue for the header and the tab, read on their own (GET
// /api/queue/counts) and kept fresh by the live-updates subscription.
import { useQuery } from "@tanstack/react-query";
import { queueCountsQuery } from "@/lib/review/queries";

export interface QueueCounts {
  held: number;
  /** Held emails past their mailbox's SLA (0 when no mailbox has one). */
  overdue: number;
  /** Counts stop at this many ("1,000+"). */
  limit: number;
}

export function useQueueCounts(): QueueCounts | null {
  const { data } = useQuery({
    ...queueCountsQuery(),
    select: (counts): QueueCounts => ({ held: counts.pending, overdue: counts.overdue, limit: counts.limit }),
  });
  return data ?? null;
}

/** "6", or "1000+" past the count limit. */
export function countText(n: number, limit: number): string {
  return n > limit ? `${limit}+` : String(n);
}
