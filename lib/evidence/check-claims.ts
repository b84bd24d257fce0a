// Is each specific in the draft (date, time, amount, phone, address, link, code) on the call?
import { type CalendarDay, type ClockTime, formatDay, formatTime, sameDay, sameTime, weekdayName, weekdayOf } from "./date-values";
import { describeSources, type Evidence, type EvidenceTurn } from "./evidence-index";
import type { Claim } from "./extract-claims";
import { formatPhone, spokenPhoneDigits } from "./extract-contacts";
import type { DateMention } from "./extract-dates";
import { formatMoney, sameMoney } from "./extract-money";
import { spellsOut } from "./spoken-tokens";

export interface Verdict {
  status: "supported" | "unsupported" | "mismatch" | "unknown";
  message: string;
  turnIds: string[];
}

export const NOT_SAID = "not said on the call";
export const NO_TRANSCRIPT = "transcript not available yet";

export function judgeClaim(claim: Claim, evidence: Evidence): Verdict {
  if (evidence.turns === null) return { status: "unknown", message: NO_TRANSCRIPT, turnIds: [] };
  const turns = evidence.turns;
  switch (claim.kind) {
    case "date":
    case "weekday":
    case "time":
      return judgeDate(claim.mention, turns, evidence.referenceYear);
    case "money":
      return judgeValue(formatMoney(claim.money), turns, (t) => t.money.some((m) => sameMoney(m, claim.money)), {
        hints: distinct(turns, (t) => t.money.map(formatMoney)),
      });
    case "phone": {
      const digits = spokenPhoneDigits(claim.e164);
      return judgeValue(
        formatPhone(claim.e164),
        turns,
        (t) => t.phones.some((p) => p.e164 === claim.e164) || digits.some((d) => spellsOut(t.tokens, d, { ignoreSymbols: true })),
        {
          metadata: evidence.callerPhone === claim.e164 ? "the caller's own number (sip.phoneNumber)" : null,
          hints: distinct(turns, (t) => t.phones.filter((p) => p.e164 !== claim.e164).map((p) => formatPhone(p.e164))),
        },
      );
    }
    case "email":
      return judgeValue(claim.address, turns, (t) => spellsOut(t.tokens, claim.address), {
        metadata: evidence.callerEmail === claim.address ? "the caller's email in the call metadata" : null,
        showReading: false,
      });
    case "url":
      return judgeValue(claim.normalised, turns, (t) => spellsOut(t.tokens, claim.normalised), { showReading: false });
    case "reference": {
      const exact = turns.filter((t) => spellsOut(t.tokens, claim.code, { ignoreSymbols: true }));
      const core = claim.core;
      if (exact.length > 0 || !core) return judgeValue(claim.text, turns, (t) => exact.includes(t), { showReading: false });
      return judgeValue(`${claim.text} (as "${core}")`, turns, (t) => spellsOut(t.tokens, core, { ignoreSymbols: true }), {
        showReading: false,
      });
    }
  }
}

function judgeValue(
  reading: string,
  turns: readonly EvidenceTurn[],
  supports: (turn: EvidenceTurn) => boolean,
  options: { metadata?: string | null; hints?: string[]; showReading?: boolean },
): Verdict {
  const found = turns.filter(supports);
  const sources = [options.metadata, found.length ? describeSources(found) : null].filter(Boolean);
  if (sources.length > 0) {
    return { status: "supported", message: `${reading} — ${sources.join("; ")}`, turnIds: ids(found) };
  }
  const read = options.showReading === false ? "" : ` (read as ${reading})`;
  const hints = options.hints?.length ? `; the call mentioned ${options.hints.join(", ")}` : "";
  return { status: "unsupported", message: `${NOT_SAID}${read}${hints}`, turnIds: [] };
}

function judgeDate(mention: DateMention, turns: readonly EvidenceTurn[], referenceYear: number): Verdict {
  const { day, time, endTime } = mention;
  const showDay = (d: CalendarDay, weekdaySaid: boolean) => formatDay(d, { referenceYear, showWeekday: weekdaySaid || d.yearCertain });
  const reading = [
    day ? showDay(day, mention.weekday !== null || mention.kind !== "date") : null,
    time ? `${formatTime(time)}${endTime ? `–${formatTime(endTime)}` : ""}` : null,
  ]
    .filter(Boolean)
    .join(", ");

  const byDay = day ? turns.filter((t) => t.dates.some((d) => d.day !== null && sameDay(d.day, day))) : null;
  const timeMatches = (clock: ClockTime) => (t: EvidenceTurn) =>
    t.dates.some((d) => [d.time, d.endTime].some((c) => c !== null && sameTime(c, clock)));
  const byTime = time ? turns.filter(timeMatches(time)) : null;
  const byEnd = endTime ? turns.filter(timeMatches(endTime)) : null;
  const parts = [
    { label: "the day", found: byDay },
    { label: `the time ${time ? formatTime(time) : ""}`, found: byTime },
    { label: `the end time ${endTime ? formatTime(endTime) : ""}`, found: byEnd },
  ].filter((p): p is { label: string; found: EvidenceTurn[] } => p.found !== null);

  // A weekday that does not fall on the date written next to it: the draft contradicts itself.
  if (day && mention.weekday !== null && mention.kind === "date" && weekdayOf(day) !== mention.weekday) {
    const actual = weekdayName(weekdayOf(day));
    return {
      status: "mismatch",
      message: `${weekdayName(mention.weekday)} does not fall on ${showDay(day, false)}: that day is a ${actual}`,
      turnIds: ids(byDay ?? []),
    };
  }

  const missing = parts.filter((p) => p.found.length === 0);
  if (missing.length === 0) {
    const all = parts.map((p) => p.found);
    const together = all.reduce((acc, found) => acc.filter((t) => found.includes(t)));
    const chosen = together.length > 0 ? together : turns.filter((t) => all.some((found) => found.includes(t)));
    return { status: "supported", message: `${reading} — ${describeSources(chosen)}`, turnIds: ids(chosen) };
  }

  const hints = [
    ...(byDay?.length === 0 ? distinct(turns, (t) => t.dates.flatMap((d) => (d.day ? [showDay(d.day, true)] : []))) : []),
    ...(missing.some((p) => p.label.startsWith("the time") || p.label.startsWith("the end"))
      ? distinct(turns, (t) => t.dates.flatMap((d) => [d.time, d.endTime].flatMap((c) => (c ? [formatTime(c)] : []))))
      : []),
  ];
  const matched = parts.filter((p) => p.found.length > 0);
  const partial = matched.length
    ? `: ${matched.map((p) => p.label).join(" and ")} ${matched.length > 1 ? "were" : "was"} said (${describeSources(matched.flatMap((p) => p.found))}) but not ${missing.map((p) => p.label).join(" or ")}`
    : "";
  return {
    status: "unsupported",
    message: `${NOT_SAID}${partial} (read as ${reading})${hints.length ? `; the call mentioned ${hints.join(", ")}` : ""}`,
    turnIds: [],
  };
}

/** Up to three distinct values across the call, each with where it was first said. */
function distinct(turns: readonly EvidenceTurn[], values: (turn: EvidenceTurn) => string[]): string[] {
  const seen = new Map<string, string | null>();
  for (const turn of turns) {
    for (const value of values(turn)) if (!seen.has(value)) seen.set(value, turn.at);
  }
  return [...seen].slice(0, 3).map(([value, at]) => (at ? `${value} at ${at}` : value));
}

function ids(turns: readonly EvidenceTurn[]): string[] {
  return [...new Set(turns.map((t) => t.turn.id))];
}
