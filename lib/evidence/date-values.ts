// Calendar days and clock times as the evidence engine compares and shows them.
import { format } from "date-fns";
import { offsetFormat, yearFormat } from "./intl-formats";

export interface CalendarDay {
  year: number;
  month: number; // 1-12
  day: number;
  /** False when the year was inferred (chrono picks the next such day after the call). */
  yearCertain: boolean;
}

export interface ClockTime {
  hour: number; // 0-23 as read
  minute: number;
  /** False for "at 3" or "10:30": could be morning or afternoon. */
  meridiemCertain: boolean;
}

/** Same month and day, and the same year unless either side only implied its year. */
export function sameDay(a: CalendarDay, b: CalendarDay): boolean {
  if (a.month !== b.month || a.day !== b.day) return false;
  return a.year === b.year || !a.yearCertain || !b.yearCertain;
}

function possibleHours(time: ClockTime): number[] {
  if (time.meridiemCertain) return [time.hour];
  if (time.hour === 12) return [12, 0];
  return time.hour < 12 ? [time.hour, time.hour + 12] : [time.hour];
}

/** Same minute, and an hour that agrees once an unsaid am/pm is allowed either way. */
export function sameTime(a: ClockTime, b: ClockTime): boolean {
  if (a.minute !== b.minute) return false;
  const hours = possibleHours(b);
  return possibleHours(a).some((hour) => hours.includes(hour));
}

export function weekdayOf(day: CalendarDay): number {
  return new Date(day.year, day.month - 1, day.day).getDay();
}

export function weekdayName(weekday: number): string {
  return format(new Date(2023, 0, 1 + weekday), "EEEE"); // 1 Jan 2023 was a Sunday
}

/** "Friday 14 March" (with the year only when it was said and differs from the call's). */
export function formatDay(day: CalendarDay, options: { referenceYear: number; showWeekday: boolean }): string {
  const date = new Date(day.year, day.month - 1, day.day);
  const base = format(date, options.showWeekday ? "EEEE d MMMM" : "d MMMM");
  return day.yearCertain && day.year !== options.referenceYear ? `${base} ${day.year}` : base;
}

/** "3:00 pm", or "3:00 (am or pm)" when the meridiem was not said. */
export function formatTime(time: ClockTime): string {
  if (!time.meridiemCertain && time.hour >= 1 && time.hour <= 12) return `${time.hour}:${String(time.minute).padStart(2, "0")} (am or pm)`;
  return format(new Date(2000, 0, 1, time.hour, time.minute), "h:mm aaa");
}

/** Offset in minutes east of UTC for an IANA zone at an instant (chrono wants a number). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  try {
    const name = offsetFormat(timeZone)
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")?.value;
    const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
    if (!match) return 0;
    return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
  } catch {
    return 0; // unknown zone: read as UTC
  }
}

/** The calendar year of an instant in an IANA zone (UTC when the zone is unknown). */
export function yearIn(timeZone: string, at: Date): number {
  try {
    return Number(yearFormat(timeZone).format(at));
  } catch {
    return at.getUTCFullYear();
  }
}
