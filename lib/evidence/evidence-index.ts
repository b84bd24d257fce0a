// The transcript read once into what each turn mentions, so every claim is a lookup.
import { extractPhones, type PhoneMention } from "./extract-contacts";
import { type DateContext, type DateMention, extractDates } from "./extract-dates";
import { extractMoney, type MoneyMention } from "./extract-money";
import { normaliseSpokenText } from "./spoken";
import { type Token, tokenize } from "./spoken-tokens";
import type { Turn } from "./transcript";

export interface EvidenceTurn {
  turn: Turn;
  /** Time from call start, "mm:ss" (or "h:mm:ss"); null without timestamps. */
  at: string | null;
  tokens: Token[];
  dates: DateMention[];
  money: MoneyMention[];
  phones: PhoneMention[];
}

export interface Evidence {
  /** Null when the transcript has not arrived: specifics are then "unknown". */
  turns: EvidenceTurn[] | null;
  callerEmail: string | null;
  callerPhone: string | null;
  /** The call's year, so a day is shown with its year only when that differs. */
  referenceYear: number;
}

export function indexTurns(turns: readonly Turn[], options: { callStart: number | null; dates: DateContext }): EvidenceTurn[] {
  return turns.map((turn) => {
    const spoken = normaliseSpokenText(turn.text);
    return {
      turn,
      at: turn.createdAt !== null && options.callStart !== null ? formatOffset(turn.createdAt - options.callStart) : null,
      tokens: tokenize(turn.text),
      dates: extractDates(spoken, options.dates),
      money: extractMoney(spoken),
      // "4 1 5, 5 5 5, 0 1 3 2": libphonenumber reads digit groups only without the commas.
      phones: extractPhones(spoken.replace(/(\d),\s+(?=\d)/g, "$1 ")),
    };
  });
}

/** Seconds from call start as "01:42", or "1:02:03" past the hour. */
export function formatOffset(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${String(minutes).padStart(2, "0")}:${secs}`;
}

/** "said by the caller at 01:42 and 02:05; in the book_appointment tool output at 02:10" */
export function describeSources(turns: readonly EvidenceTurn[]): string {
  const groups = new Map<string, string[]>();
  for (const { turn, at } of turns) {
    const who = turn.role === "user" ? "said by the caller" : turn.role === "assistant" ? "said by the agent" : `in the ${turn.toolName ?? "tool"} tool output`;
    const times = groups.get(who) ?? [];
    if (at && !times.includes(at)) times.push(at);
    groups.set(who, times);
  }
  return [...groups]
    .map(([who, times]) => {
      if (times.length === 0) return who;
      const shown = times.slice(0, 3);
      const list = shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}` : shown[0];
      return `${who} at ${list}${times.length > 3 ? " and later" : ""}`;
    })
    .join("; ");
}
