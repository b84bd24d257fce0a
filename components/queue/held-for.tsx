"use client";
import { formatDistanceToNowStrict } from "date-fns";
import { useEffect, useState } from "react";
import { formatDateTime } from "@/lib/format-date";

/** "12 min" since a time, refreshed every 30 s; the exact time on hover. */
export function HeldFor({ since }: { since: string }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, []);
  const date = new Date(since);
  return (
    <time dateTime={since} title={formatDateTime(date)} suppressHydrationWarning>
      {formatDistanceToNowStrict(date)}
    </time>
  );
}
