// Refetches the queries a live change touched without ever cancelling a refetch in flight. One held
// email sends two or three events within ~80 ms (created, its findings counted, its thread changed);
// TanStack's invalidateQueries cancels a running refetch by default, so each event threw away the
// refetch before it and the new row appeared only after the last one. A refetch in flight already
// carries the earlier changes: it lands, then one more refetch follows for what came after it.
import type { QueryClient, QueryKey } from "@tanstack/react-query";

export interface LiveRefetch {
  refetch(queryKey: QueryKey): void;
  /** No further refetches (the page's live connection closed). */
  close(): void;
}

export function liveRefetch(queryClient: QueryClient): LiveRefetch {
  // Keys with a refetch queued behind one in flight: later changes ride on that one.
  const queued = new Set<string>();
  let closed = false;
  return {
    refetch(queryKey) {
      if (closed) return;
      if (queryClient.isFetching({ queryKey }) === 0) {
        void queryClient.invalidateQueries({ queryKey });
        return;
      }
      const id = JSON.stringify(queryKey);
      if (queued.has(id)) return;
      queued.add(id);
      // Marks them stale and resolves when the refetch in flight settles (idle matches refetch now).
      void queryClient
        .invalidateQueries({ queryKey }, { cancelRefetch: false })
        .catch(() => undefined)
        .then(() => {
          queued.delete(id);
          // Nor this one: a fetch started since (a decision's own refetch) already carries the change.
          if (!closed) void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
        });
    },
    close() {
      closed = true;
      queued.clear();
    },
  };
}
