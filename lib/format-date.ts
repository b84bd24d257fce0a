// The one way Countersign writes a date and time: "2 Dec 2026, 14:05" (day month year, 24-hour
// clock), in the reader's time zone in the browser. Client-safe, pure.

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined, seconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone ?? ""}|${seconds}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: seconds ? "2-digit" : undefined,
      hourCycle: "h23",
      timeZone,
    });
    formats.set(key, found);
  }
  return found;
}

/** "2 Dec 2026, 14:05"; `seconds` adds ":09"; an unreadable date gives "unknown time". */
export function formatDateTime(at: Date | string | number, options: { timeZone?: string; seconds?: boolean } = {}): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return "unknown time";
  return formatter(options.timeZone, options.seconds ?? false).format(date);
}
