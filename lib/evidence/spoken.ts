// Speech-to-text output spells numbers out ("four one five", "half past three"); rewrite them
// as digits so chrono, libphonenumber and the money matcher can read transcript turns.
// Used on transcript text only: draft offsets must stay exact, so drafts are never rewritten.

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000 };
const ORDINAL_UNITS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
};
const ORDINAL_TEENS: Record<string, number> = {
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};

type Last = "none" | "unit" | "teen" | "tens" | "hundred" | "scale";

function isNumberWord(word: string): boolean {
  return word in UNITS || word in TEENS || word in TENS || word in SCALES || word in ORDINAL_UNITS || word in ORDINAL_TEENS;
}

function ordinalSuffix(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return "th";
  return ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
}

/**
 * Reads a run of number words as one or more numbers: "two hundred and fifty" → ["250"],
 * "four one five" → ["4", "1", "5"], "twenty first" → ["21st"], "double five" → ["5", "5"].
 */
export function composeNumbers(words: readonly string[]): string[] {
  const out: string[] = [];
  let total = 0;
  let current = 0;
  let last: Last = "none";
  const flush = () => {
    if (last !== "none") out.push(String(total + current));
    total = 0;
    current = 0;
    last = "none";
  };
  const open = () => last === "none" || last === "hundred" || last === "scale";
  for (let i = 0; i < words.length; i++) {
    const word = (words[i] ?? "").toLowerCase();
    if (word === "and") continue; // only kept inside a run by the caller
    if (word === "double" || word === "triple") {
      const unit = UNITS[words[i + 1]?.toLowerCase() ?? ""];
      if (unit !== undefined) {
        flush();
        for (let k = 0; k < (word === "double" ? 2 : 3); k++) out.push(String(unit));
        i++;
      }
      continue;
    }
    if (word === "oh" || word === "o") {
      flush();
      out.push("0");
      continue;
    }
    const unit = UNITS[word];
    const teen = TEENS[word];
    const tens = TENS[word];
    const scale = SCALES[word];
    const ordinal = ORDINAL_UNITS[word] ?? ORDINAL_TEENS[word];
    if (ordinal !== undefined) {
      const fits = ordinal < 10 ? open() || last === "tens" : open();
      if (!fits) flush();
      const value = total + current + ordinal;
      out.push(`${value}${ordinalSuffix(value)}`);
      total = 0;
      current = 0;
      last = "none";
    } else if (unit !== undefined) {
      if (!(open() || last === "tens")) flush();
      current += unit;
      last = "unit";
    } else if (teen !== undefined || tens !== undefined) {
      if (!open()) flush();
      current += teen ?? tens ?? 0;
      last = teen !== undefined ? "teen" : "tens";
    } else if (scale === 100) {
      if (last === "unit" || last === "teen" || last === "tens") {
        current *= 100;
        last = "hundred";
      } else flush();
    } else if (scale !== undefined) {
      if (last !== "none" && last !== "scale") {
        total += current * scale;
        current = 0;
        last = "scale";
      } else flush();
    }
  }
  flush();
  return out;
}

const WORD = /[A-Za-z]+/g;

/** Replaces runs of number words by digits, keeping every other character as it was. */
export function numberWordsToDigits(text: string): string {
  const words = [...text.matchAll(WORD)].map((m) => ({
    word: m[0],
    lower: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
  let result = "";
  let cursor = 0;
  let i = 0;
  while (i < words.length) {
    const first = words[i]!;
    const next = words[i + 1];
    const startsRun =
      isNumberWord(first.lower) ||
      (first.lower === "a" && next !== undefined && (next.lower === "hundred" || next.lower === "thousand")) ||
      ((first.lower === "double" || first.lower === "triple") && next !== undefined && next.lower in UNITS);
    if (!startsRun) {
      i++;
      continue;
    }
    let j = i;
    const run: string[] = [first.lower === "a" ? "one" : first.lower];
    while (j + 1 < words.length) {
      const gap = text.slice(words[j]!.end, words[j + 1]!.start);
      const candidate = words[j + 1]!.lower;
      const after = words[j + 2]?.lower;
      // Commas split digit groups ("four one five, five five five"), not numbers.
      const digitLike = candidate in UNITS || candidate === "oh" || candidate === "o" || candidate === "double";
      const joins = /^[\s-]*$/.test(gap) || (/^\s*,\s*$/.test(gap) && digitLike && run.every((w) => !(w in SCALES)));
      const fits =
        isNumberWord(candidate) ||
        candidate === "double" ||
        candidate === "triple" ||
        ((candidate === "oh" || candidate === "o") && after !== undefined && after in UNITS) ||
        (candidate === "and" && after !== undefined && isNumberWord(after) && /hundred|thousand|million/.test(run.at(-1) ?? ""));
      if (!joins || !fits) break;
      run.push(candidate);
      j++;
    }
    // A lone "o" or "oh" is a word, not zero.
    if (run.length === 1 && (run[0] === "oh" || run[0] === "o")) {
      i++;
      continue;
    }
    result += text.slice(cursor, first.start) + composeNumbers(run).join(" ");
    cursor = words[j]!.end;
    i = j + 1;
  }
  return result + text.slice(cursor);
}

const MERIDIEM_AHEAD = String.raw`(?=\s*(?:[ap]\.?\s?m\b\.?|o'?clock|in the (?:morning|afternoon|evening)))`;

/** "half past 3" → "3:30", "2 30 pm" → "2:30 pm", "3 o'clock in the afternoon" → "3 pm". */
export function clockPhrasesToTimes(text: string): string {
  return text
    .replace(/\bhalf past (\d{1,2})\b/gi, "$1:30")
    .replace(/\b(?:a )?quarter past (\d{1,2})\b/gi, "$1:15")
    .replace(/\b(?:a )?quarter (?:to|till|of) (\d{1,2})\b/gi, (_m, h: string) => `${Number(h) === 1 ? 12 : Number(h) - 1}:45`)
    .replace(new RegExp(String.raw`\b(1[0-2]|0?[1-9]) ([0-5]\d)\b${MERIDIEM_AHEAD}`, "gi"), "$1:$2")
    .replace(/\bat (1[0-2]|0?[1-9]) ([0-5]\d)\b/gi, "at $1:$2")
    .replace(/\b(\d{1,2}(?::\d{2})?)(?:\s*o'?clock)?\s+in the (afternoon|evening)\b/gi, "$1 pm")
    .replace(/\b(\d{1,2}(?::\d{2})?)(?:\s*o'?clock)?\s+in the morning\b/gi, "$1 am");
}

/** Transcript text as the extractors want it: digits for number words, clock times. */
export function normaliseSpokenText(text: string): string {
  return clockPhrasesToTimes(numberWordsToDigits(text.replace(/[’‘]/g, "'")));
}
