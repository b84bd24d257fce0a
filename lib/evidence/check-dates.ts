// Is a date / weekday / time in the draft the one said on the call? A date and a time must
// have been said together, or at least never paired differently ("Wednesday at 9:40" and
// "Thursday at 2:15" do not support "Wednesday at 2:15"). "Today" or "tomorrow" in a draft counts
// from the day the email is read, which may be days after the call: it stands only where the call
// used the same word for the same day.
import { type CalendarDay, type ClockTime, formatDay, formatTime, sameDay, sameTime, weekdayName, weekdayOf } from "./date-values";
import { describeSources, type EvidenceTurn } from "./evidence-index";
import type { DateMention } from "./extract-dates";
import { distinct, ids, NOT_SAID, type Verdict } from "./verdict";

type Check = { label: string; test: (said: DateMention) => boolean };

export function judgeDate(mention: DateMention, turns: readonly EvidenceTurn[], referenceYear: number): Verdict {
  if (!mention.relative) return judgeMention(mention, turns, referenceYear, { relativeOnly: false });
  const asSaid = judgeMention(mention, turns, referenceYear, { relativeOnly: true });
  if (asSaid.status !== "unsupported") return asSaid;
  const word = `“${mention.relative}”`;
  const named = judgeMention(mention, turns, referenceYear, { relativeOnly: false });
  if (named.status === "supported") {
    return {
      status: "unsupported",
      message: `${NOT_SAID} as ${word}: the call said that day differently (${named.message}); ${word} in an email means the day it is read, so write the date`,
      turnIds: [],
    };
  }
  return { ...asSaid, message: `${asSaid.message}; ${word} in an email means the day it is read, not the day of the call` };
}

/** With `relativeOnly`, only the same day said with the same word ("tomorrow" for "tomorrow") supports the mention's day. */
function judgeMention(mention: DateMention, turns: readonly EvidenceTurn[], referenceYear: number, options: { relativeOnly: boolean }): Verdict {
  const { day, time, endTime } = mention;
  const showDay = (d: CalendarDay, weekdaySaid: boolean) => formatDay(d, { referenceYear, showWeekday: weekdaySaid || d.yearCertain });
  const showMention = (d: DateMention) => [d.day ? showDay(d.day, true) : null, d.time ? formatTime(d.time) : null].filter(Boolean).join(", ");
  const reading = [
    day ? showDay(day, mention.weekday !== null || mention.kind !== "date") : null,
    time ? `${formatTime(time)}${endTime ? `–${formatTime(endTime)}` : ""}` : null,
  ]
    .filter(Boolean)
    .join(", ");

  const dayCheck = day
    ? { label: "the day", test: (d: DateMention) => d.day !== null && sameDay(d.day, day) && (!options.relativeOnly || d.relative === mention.relative) }
    : null;
  const clockCheck = (label: string, clock: ClockTime | null): Check | null =>
    clock ? { label: `${label} ${formatTime(clock)}`, test: (d) => [d.time, d.endTime].some((c) => c !== null && sameTime(c, clock)) } : null;
  const timeCheck = clockCheck("the time", time);
  const checks = [dayCheck, timeCheck, clockCheck("the end time", endTime)].filter((c): c is Check => c !== null);

  // A weekday that does not fall on the date written next to it: the draft contradicts itself.
  if (day && mention.weekday !== null && mention.kind === "date" && weekdayOf(day) !== mention.weekday) {
    return {
      status: "mismatch",
      message: `${weekdayName(mention.weekday)} does not fall on ${showDay(day, false)}: that day is a ${weekdayName(weekdayOf(day))}`,
      turnIds: ids(turns.filter((t) => dayCheck !== null && t.dates.some(dayCheck.test))),
    };
  }

  const supported = (found: readonly EvidenceTurn[]): Verdict => ({
    status: "supported",
    message: `${reading} — ${describeSources(found)}`,
    turnIds: ids(found),
  });
  const together = turns.filter((t) => t.dates.some((d) => checks.every((c) => c.test(d))));
  if (together.length > 0) return supported(together);

  const found = checks.map((check) => ({ check, turns: turns.filter((t) => t.dates.some(check.test)) }));
  const missing = found.filter((f) => f.turns.length === 0);
  if (missing.length === 0) {
    // Said apart ("Friday?" … "3pm works"): fine unless the call paired them with something else.
    const conflicts =
      dayCheck && timeCheck
        ? turns.flatMap((t) =>
            t.dates.filter((d) => d.day !== null && d.time !== null && dayCheck.test(d) !== timeCheck.test(d)).map((d) => ({ value: showMention(d), at: t.at })),
          )
        : [];
    if (conflicts.length === 0) return supported(turns.filter((t) => found.some((f) => f.turns.includes(t))));
    const pairs = new Map<string, string | null>();
    for (const { value, at } of conflicts) if (!pairs.has(value)) pairs.set(value, at);
    const listed = [...pairs].slice(0, 3).map(([value, at]) => (at ? `${value} at ${at}` : value));
    return {
      status: "unsupported",
      message: `${NOT_SAID} (read as ${reading}); the call paired that day and time differently: ${listed.join("; ")}`,
      turnIds: [],
    };
  }

  const matched = found.filter((f) => f.turns.length > 0);
  const labels = (list: typeof found, joiner: string) => list.map((f) => f.check.label).join(joiner);
  const partial = matched.length
    ? `: ${labels(matched, " and ")} ${matched.length > 1 ? "were" : "was"} said ` +
      `(${describeSources(matched.flatMap((f) => f.turns))}) but not ${labels(missing, " or ")}`
    : "";
  const saidDays = (t: EvidenceTurn) => t.dates.flatMap((d) => (d.day ? [showDay(d.day, true)] : []));
  const saidTimes = (t: EvidenceTurn) => t.dates.flatMap((d) => [d.time, d.endTime].flatMap((c) => (c ? [formatTime(c)] : [])));
  const hints = [
    ...(missing.some((f) => f.check === dayCheck) ? distinct(turns, saidDays) : []),
    ...(missing.some((f) => f.check !== dayCheck) ? distinct(turns, saidTimes) : []),
  ];
  return {
    status: "unsupported",
    message: `${NOT_SAID}${partial} (read as ${reading})${hints.length ? `; the call mentioned ${hints.join(", ")}` : ""}`,
    turnIds: [],
  };
}
