"use client";
// A mailbox's message filters live in the URL, like the queue's, so a view can be shared and reloaded.
// They change it with history.replaceState (Next keeps useSearchParams in step): no server round
// trip per keystroke, and two quick changes never undo each other.
import { usePathname, useSearchParams } from "@/lib/navigation";
import { useCallback, useMemo } from "react";
import { parseEmailFilters, type EmailFilters } from "@/lib/inbox/email-filters";

export function useEmailFilters() {
  const params = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(() => parseEmailFilters(Object.fromEntries(params)), [params]);
  const setFilters = useCallback(
    (patch: Partial<EmailFilters>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries({ cursor: undefined, ...patch })) {
        if (value === undefined || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      const query = next.toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  return { filters, setFilters };
}
