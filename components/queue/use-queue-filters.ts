"use client";
// Queue filters live in the URL so a view can be shared, reloaded and navigated back to. Read by
// hand (lib/review/queue-filters.ts) with the same answers as the server's zod schema, minus zod.
import { useRouter } from "next/navigation";
import { usePathname, useSearchParams } from "@/lib/navigation";
import { useCallback, useMemo } from "react";
import { parseQueueFilters } from "@/lib/review/queue-filters";
import type { QueueFilters } from "@/lib/review/schemas";

export function useQueueFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseQueueFilters(Object.fromEntries(params)), [params]);
  const setFilters = useCallback(
    (patch: Partial<QueueFilters>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries({ cursor: undefined, ...patch })) {
        if (value === undefined || value === "" || (key === "state" && value === "pending")) next.delete(key);
        else next.set(key, String(value));
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  return { filters, setFilters };
}
