"use client";
// A mailbox's message filters live in the URL, like the queue's, so a view can be shared and reloaded.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { emailFiltersSchema, type EmailFilters } from "@/lib/inbox/schemas";

export function useEmailFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => emailFiltersSchema.parse(Object.fromEntries(params)), [params]);
  const setFilters = useCallback(
    (patch: Partial<EmailFilters>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries({ cursor: undefined, ...patch })) {
        if (value === undefined || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  return { filters, setFilters };
}
