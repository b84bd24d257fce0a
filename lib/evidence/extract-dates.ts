// Dates, weekdays and clock times in text, read by chrono relative to the call day.
import * as chrono from "chrono-node";

import { type CalendarDay, type ClockTime, weekdayOf, yearIn, zoneOffsetMinutes } from "./date-values";

export type DateKind = "date" | "weekday" | "time";

/**
 * One chrono result. A time inside a date expression ("Friday 14 March at 3pm") stays part
 * of that one mention; its kind is the most specific part: date > weekday > time.
 */
export interface DateMention {
  start: number;
  end: number;
  text: string;
  kind: DateKind;
  /** The resolved calendar day; for a bare weekday, the next such day from the call. */
  day: CalendarDay | null;
  /** A weekday that was actually written or said (0 = Sunday). */
  weekday: number | null;
  time: ClockTime | null;
  /** End of a time range ("8-10am"). */
  endTime: ClockTime | null;
  /** "today", "tonight", "tomorrow" or "yesterday" when the day was given so: it counts from whenever the text is read. */
  relative: RelativeDay | null;
}

export interface DateContext {
  referenceDate: Date;
  timeZone: string;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY_WORD = String.raw`sun(?:day)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|sat(?:urday)?`;
// Words that may follow "the 18th" in a date; anything else ("the 2nd floor") is not a date.
const AFTER_DAY = [
  "at",
  "and",
  "or",
  "is",
  "works",
  "would",
  "should",
  "will",
  "then",
  "in",
  "for",
  "between",
  "from",
  "instead",
  "please",
  "if",
  "so",
  "that",
  "around",
  "after",
  "before",
  "by",
  "to",
  "through",
  "till",
  "until",
  "which",
  "because",
  "but",
  "with",
  "when",
].join("|");

/** "Tuesday the 18th", "on the 18th", "by the 3rd": chrono's English parsers skip these. */
const dayOfMonthParser: chrono.Parser = {
  pattern: () =>
    new RegExp(
      String.raw`\b(?:(?:on|by|until|till|before|after|from|through|starting)\s+|(?<weekday>${WEEKDAY_WORD})\.?,?\s+)(?<date>(?:the\s+)?(?<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))\b(?!\s+of\b)(?!\s+(?!(?:${AFTER_DAY})\b)[a-z])`,
      "id", // no "g": chrono re-runs exec on ever shorter slices of the text
    ),
  extract: (context, match) => {
    const groups = match.groups ?? {};
    const day = Number(groups.day);
    const weekdayWord = groups.weekday?.toLowerCase();
    const weekday = weekdayWord ? WEEKDAYS.findIndex((w) => w.startsWith(weekdayWord.slice(0, 3))) : null;
    if (!groups.weekday && !/^the\s/i.test(groups.date ?? "")) return null;
    const indices = match.indices;
    const whole = indices?.[0];
    const first = indices?.groups?.[weekdayWord ? "weekday" : "date"];
    const last = indices?.groups?.date;
    if (!whole || !first || !last) return null;
    // chrono rewrites match.index to the absolute offset; `indices` stay relative to its slice.
    const base = (match.index ?? 0) - whole[0];
    const { year, month } = nextMonthWithDay(context.reference.getDateWithAdjustedTimezone(), day, weekday);
    const components = context.createParsingComponents({ day, ...(weekday !== null ? { weekday } : {}) });
    components.imply("month", month);
    components.imply("year", year);
    const result = context.createParsingResult(base + first[0], context.text.slice(base + first[0], base + last[1]));
    result.start = components;
    return result;
  },
};

/** "between 8 and 10 am": chrono reads only "10 am" from it. */
const betweenTimesParser: chrono.Parser = {
  pattern: () => /\bbetween\s+(\d{1,2})(?::([0-5]\d))?\s*([ap]\.?m\.?)?\s+and\s+(\d{1,2})(?::([0-5]\d))?\s*([ap])\.?m\b\.?/i,
  extract: (context, match) => {
    const [, fromHour, fromMinute, fromMeridiem, toHour, toMinute, toMeridiem] = match;
    const toPm = toMeridiem?.toLowerCase() === "p";
    const end = clock(Number(toHour), Number(toMinute ?? 0), toPm);
    // "8 and 10 am" share the meridiem; "11 and 1 pm" crosses noon.
    const fromPm = fromMeridiem ? /^p/i.test(fromMeridiem) : toPm && Number(fromHour) <= Number(toHour) && Number(toHour) !== 12;
    const start = clock(Number(fromHour), Number(fromMinute ?? 0), fromPm);
    if (!start || !end) return null;
    const result = context.createParsingResult(match.index ?? 0, match[0]);
    result.start = context.createParsingComponents(start);
    result.end = context.createParsingComponents(end);
    return result;
  },
};

function clock(hour: number, minute: number, pm: boolean): { hour: number; minute: number; meridiem: number } | null {
  if (hour < 1 || hour > 12) return null;
  return { hour: (hour % 12) + (pm ? 12 : 0), minute, meridiem: pm ? 1 : 0 };
}

/** The first month from the reference that has this day (on this weekday, when one was said). */
function nextMonthWithDay(reference: Date, day: number, weekday: number | null): { year: number; month: number } {
  const fallback = { year: reference.getFullYear(), month: reference.getMonth() + 1 };
  for (let step = 0; step < 13; step++) {
    const candidate = new Date(reference.getFullYear(), reference.getMonth() + step, day);
    if (candidate.getDate() !== day) continue; // no 31st in that month
    if (step === 0 && day < reference.getDate()) continue;
    const found = { year: candidate.getFullYear(), month: candidate.getMonth() + 1 };
    if (weekday === null || candidate.getDay() === weekday) return found;
  }
  return fallback;
}

const parser = chrono.casual.clone();
parser.parsers.push(dayOfMonthParser, betweenTimesParser);

const LEADING_WORDS = /^(?:on|at|by|around|about|from)\s+/i;
export type RelativeDay = "today" | "tonight" | "tomorrow" | "yesterday";
const RELATIVE_DAY = /\b(today|tonight|tonite|tomorrow|tmrw|yesterday)\b/i;
const RELATIVE_SPELLINGS: Record<string, RelativeDay> = { tonite: "tonight", tmrw: "tomorrow" };

function relativeDayIn(text: string): RelativeDay | null {
  const word = RELATIVE_DAY.exec(text)?.[1]?.toLowerCase();
  return word ? (RELATIVE_SPELLINGS[word] ?? (word as RelativeDay)) : null;
}
const LONE_WEEKDAY_ABBREVIATION = /^(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)\.?$/i;
const MEASUREMENT_AFTER = /^\s?(?:["”″]|-?inch|in\b)/i;

export function extractDates(text: string, context: DateContext): DateMention[] {
  const reference = {
    instant: context.referenceDate,
    timezone: zoneOffsetMinutes(context.timeZone, context.referenceDate),
  };
  const referenceYear = yearIn(context.timeZone, context.referenceDate);
  const mentions: DateMention[] = [];
  for (const parsed of parser.parse(text, reference, { forwardDate: true })) {
    if (parsed.tags().has("result/relativeDate")) continue; // "for 3 hours", "in 2 days", "a second"
    // forwardDate would move "last Tuesday" into the future; read past phrases without it.
    const result = /^(?:this\s+)?(?:last|past|previous)\b/i.test(parsed.text) ? (parser.parse(parsed.text, reference)[0] ?? parsed) : parsed;
    const mention = toMention(result, parsed.index, parsed.text, text, referenceYear);
    if (mention) mentions.push(mention);
  }
  return mentions;
}

function toMention(result: chrono.ParsedResult, index: number, rawText: string, text: string, referenceYear: number): DateMention | null {
  const { start } = result;
  const hasDay = start.isCertain("day") || start.isCertain("weekday");
  const hasTime = start.isCertain("hour");
  if (!hasDay && !hasTime) return null; // a month alone, "afternoon"
  if (/^\d{1,2}\/\d{1,2}$/.test(rawText) && (MEASUREMENT_AFTER.test(text.slice(index + rawText.length)) || rawText === "24/7")) {
    return null; // a 3/4" pipe, open 24/7
  }

  const leading = LEADING_WORDS.exec(rawText)?.[0].length ?? 0;
  const spanText = rawText.slice(leading).replace(/[.,;:]+$/, "");
  if (!start.isCertain("day") && !hasTime && LONE_WEEKDAY_ABBREVIATION.test(spanText)) return null; // "Sun", "Mon."

  return {
    start: index + leading,
    end: index + leading + spanText.length,
    text: spanText,
    kind: start.isCertain("day") ? "date" : start.isCertain("weekday") ? "weekday" : "time",
    day: hasDay ? toDay(start, referenceYear) : null,
    weekday: start.isCertain("weekday") ? start.get("weekday") : null,
    relative: hasDay ? relativeDayIn(spanText) : null,
    ...toClockRange(hasTime ? toClock(start) : null, result.end?.isCertain("hour") ? toClock(result.end) : null),
  };
}

/** "8-10 AM": the start shares the end's meridiem unless that would put it after the end. */
function toClockRange(time: ClockTime | null, endTime: ClockTime | null): { time: ClockTime | null; endTime: ClockTime | null } {
  if (!time || !endTime || time.meridiemCertain || !endTime.meridiemCertain || time.hour >= 12) return { time, endTime };
  const hour = endTime.hour >= 12 && time.hour + 12 <= endTime.hour ? time.hour + 12 : time.hour;
  return { time: { ...time, hour, meridiemCertain: true }, endTime };
}

/**
 * The calendar day. forwardDate moves a past "Tuesday, March 4" into next year, where it is
 * no Tuesday; when the weekday agrees with this year's date instead, keep this year.
 */
function toDay(components: chrono.ParsedComponents, referenceYear: number): CalendarDay {
  const day: CalendarDay = {
    year: components.get("year") ?? 0,
    month: components.get("month") ?? 0,
    day: components.get("day") ?? 0,
    yearCertain: components.isCertain("year"),
  };
  const weekday = components.isCertain("weekday") ? components.get("weekday") : null;
  if (day.yearCertain || weekday === null || !components.isCertain("day") || weekdayOf(day) === weekday) return day;
  const thisYear = { ...day, year: referenceYear };
  return day.year === referenceYear + 1 && weekdayOf(thisYear) === weekday ? thisYear : day;
}

function toClock(components: chrono.ParsedComponents): ClockTime {
  const hour = components.get("hour") ?? 0;
  const tags = components.tags();
  return {
    hour,
    minute: components.get("minute") ?? 0,
    meridiemCertain: components.isCertain("meridiem") || hour > 12 || hour === 0 || tags.has("casualReference/noon") || tags.has("casualReference/midnight"),
  };
}
