// Money amounts in text ("$250", "€1,200.50", "250 dollars", "two hundred dollars"), as
// currency + integer cents so "$250" and "250.00 USD" compare equal. No library covers this.
import { currencyFormat } from "./intl-formats";
import { composeNumbers } from "./spoken";

export interface Money {
  currency: string; // ISO 4217
  cents: number;
}

export interface MoneyMention extends Money {
  start: number;
  end: number;
  text: string;
}

const AMOUNT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const MULTIPLIER = String.raw`\s?(?:k|thousand|million|mn|m)\b`;
const PREFIX = String.raw`US\$|USD\s?\$|CA\$|C\$|AU\$|A\$|\$|€|£|\b(?:USD|EUR|GBP|CAD|AUD)\s?`;
const SUFFIX = String.raw`dollars?|bucks|usd|euros?|eur|gbp|cad|aud|cents?`;
const NUMBER_WORD = String.raw`zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|a`;

const PATTERNS = [
  new RegExp(String.raw`(?<prefix>${PREFIX})\s?(?<amount>${AMOUNT})(?<multiplier>${MULTIPLIER})?(?:\s?(?:USD|EUR|GBP|CAD|AUD)\b)?`, "gi"),
  new RegExp(String.raw`\b(?<amount>${AMOUNT})(?<multiplier>${MULTIPLIER})?\s?(?<suffix>${SUFFIX})\b`, "gi"),
  new RegExp(String.raw`\b(?<words>(?:(?:${NUMBER_WORD})(?:[\s-]+|\s+and\s+))*(?:${NUMBER_WORD}))\s+(?<suffix>dollars?|bucks|euros?)\b`, "gi"),
];

const SYMBOL_CURRENCY: Record<string, string> = {
  us$: "USD",
  usd$: "USD",
  ca$: "CAD",
  c$: "CAD",
  au$: "AUD",
  a$: "AUD",
  $: "USD",
  "€": "EUR",
  "£": "GBP",
  usd: "USD",
  eur: "EUR",
  gbp: "GBP",
  cad: "CAD",
  aud: "AUD",
};
const WORD_CURRENCY: Record<string, string> = {
  dollar: "USD",
  dollars: "USD",
  bucks: "USD",
  usd: "USD",
  euro: "EUR",
  euros: "EUR",
  eur: "EUR",
  gbp: "GBP",
  cad: "CAD",
  aud: "AUD",
  cent: "USD",
  cents: "USD",
};
const MULTIPLIERS: Record<string, number> = { k: 1_000, thousand: 1_000, million: 1_000_000, mn: 1_000_000, m: 1_000_000 };

/** Money mentions, left to right; of overlapping readings the longest wins. */
export function extractMoney(text: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const money = readMoney(match.groups ?? {});
      if (!money) continue;
      const raw = match[0].trimEnd();
      found.push({ ...money, start: match.index, end: match.index + raw.length, text: raw });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: MoneyMention[] = [];
  for (const m of found) if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

function readMoney(groups: Record<string, string | undefined>): Money | null {
  const multiplier = MULTIPLIERS[groups.multiplier?.trim().toLowerCase() ?? ""] ?? 1;
  const suffix = groups.suffix?.toLowerCase();
  const currency = groups.prefix ? SYMBOL_CURRENCY[groups.prefix.replace(/\s/g, "").toLowerCase()] : suffix ? WORD_CURRENCY[suffix] : undefined;
  if (!currency) return null;
  let value: number;
  if (groups.amount) {
    value = Number(groups.amount.replace(/,/g, "")) * multiplier;
  } else {
    const words = (groups.words ?? "")
      .toLowerCase()
      .split(/[\s-]+/)
      .map((w) => (w === "a" ? "one" : w));
    if (words.length === 1 && words[0] === "one" && /^a$/i.test(groups.words ?? "")) return null; // "a dollar"? too vague
    const numbers = composeNumbers(words);
    if (numbers.length !== 1) return null; // "five two dollars" is not one amount
    value = Number(numbers[0]);
  }
  if (!Number.isFinite(value)) return null;
  const cents = suffix === "cent" || suffix === "cents" ? Math.round(value) : Math.round(value * 100);
  return { currency, cents };
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.cents === b.cents;
}

export function formatMoney(money: Money): string {
  return currencyFormat(money.currency).format(money.cents / 100);
}
