// Query keys and client queryOptions of the review domain; the server prefetches under the same keys.
// Types only from schemas.ts: importing its values would put zod in the browser bundle.
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/http/get-json";
import type { ItemDetail, ItemHistory, QueueCounts, QueueFilters, QueuePage } from "./schemas";

export const reviewKeys = {
  all: ["review"] as const,
  queues: () => [...reviewKeys.all, "queue"] as const,
  queue: (filters: Partial<QueueFilters>) => [...reviewKeys.queues(), normaliseFilters(filters)] as const,
  /** Under the queues' key: whatever invalidates the queue invalidates the header's counts too. */
  counts: () => [...reviewKeys.queues(), "counts"] as const,
  items: () => [...reviewKeys.all, "item"] as const,
  item: (id: string) => [...reviewKeys.items(), id] as const,
  /** Under the item's key: what invalidates the item invalidates its history too. */
  history: (id: string) => [...reviewKeys.item(id), "history"] as const,
};

function normaliseFilters(filters: Partial<QueueFilters>) {
  return {
    state: filters.state ?? "pending",
    mailbox: filters.mailbox ?? "",
    q: filters.q ?? "",
    cursor: filters.cursor ?? "",
    findings: filters.findings ?? "",
    sort: filters.sort ?? "",
  };
}

export function queueQuery(filters: Partial<QueueFilters>) {
  const f = normaliseFilters(filters);
  const params = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ""));
  return queryOptions({
    queryKey: reviewKeys.queue(filters),
    queryFn: () => getJson<QueuePage>(`/api/queue?${params}`),
  });
}

export function queueCountsQuery() {
  return queryOptions({ queryKey: reviewKeys.counts(), queryFn: () => getJson<QueueCounts>("/api/queue/counts") });
}

/** `remote` loads the draft with remote images allowed, after the reviewer asked for them. */
export function itemQuery(id: string, remote = false) {
  return queryOptions({
    queryKey: [...reviewKeys.item(id), { remote }] as const,
    queryFn: () => getJson<ItemDetail>(`/api/items/${encodeURIComponent(id)}${remote ? "?remote=1" : ""}`),
  });
}

export function itemHistoryQuery(id: string) {
  return queryOptions({
    queryKey: reviewKeys.history(id),
    queryFn: () => getJson<ItemHistory>(`/api/items/${encodeURIComponent(id)}/history`),
  });
}
