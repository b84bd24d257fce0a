"use client";
// A date and time in Countersign's one format (lib/format-date.ts), in the reader's time zone. The
// server knows no reader's zone: it renders UTC, marked so, and the browser swaps in local time
// right after hydration (no mismatch warning, no guessing).
import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format-date";

const subscribe = () => () => {};

export function DateTime({ at, seconds, className }: { at: string | Date; seconds?: boolean; className?: string }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const iso = typeof at === "string" ? at : at.toISOString();
  const text = inBrowser ? formatDateTime(iso, { seconds }) : `${formatDateTime(iso, { seconds, timeZone: "UTC" })} UTC`;
  return (
    <time dateTime={iso} title={iso} className={className}>
      {text}
    </time>
  );
}
