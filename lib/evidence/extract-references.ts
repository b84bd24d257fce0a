// Booking / order / case / ticket / confirmation numbers in a draft: "REF-48213", "#A1234",
// "order 55512", "claim number CLM-2025-0042", "AD-D09077". Compared later without case, spaces or
// dashes. Give it text with markdown emphasis blanked (extract-claims.ts), or "**AD-D09077**" hides
// the code from its keyword.
import type { Span } from "./extract-contacts";

export interface ReferenceMention extends Span {
  /** Lower-case letters and digits only ("REF-48213" → "ref48213"). */
  code: string;
  /** The part after a letters-only prefix ("REF-48213" → "48213"), often said without it. */
  core: string | null;
  /** Found after a word like "order" or "confirmation" (wins over a phone reading). */
  keyword: boolean;
}

const KEYWORDS = [
  "booking",
  "order",
  "case",
  "ticket",
  "confirmation",
  "conf",
  "reference",
  "ref",
  "claim",
  "policy",
  "invoice",
  "account",
  "acct",
  "reservation",
  "job",
  "work order",
  "tracking",
  "member",
  "membership",
  "quote",
  "estimate",
  "file",
  "matter",
  "incident",
  "rma",
  "po",
];
const LABEL = String.raw`(?:number|no\.?|num|id|code|reference|ref)`;
// Letters, digits and inner dashes, with at least one digit.
const CODE = String.raw`(?=[A-Za-z0-9-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*`;
const KEYWORD_PATTERN = new RegExp(String.raw`\b(?:${KEYWORDS.join("|")})s?\s*(?:${LABEL}\s*)?(?::|\bis\b|=)?\s*(?<code>#?${CODE})`, "gi");
const HASH_PATTERN = new RegExp(String.raw`(?<![\w#])(?<code>#${CODE})`, "g");
// Upper-case codes with letters and digits: "REF-48213", "BK7Q2X", "CLM-2025-0042", and dashed codes
// with a part that mixes letters and digits anywhere ("AD-D09077", "2B-X41C").
const MIXED_PART = String.raw`(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]+`;
const BARE_PATTERN = new RegExp(
  String.raw`(?<![\w-])(?<code>` +
    [
      String.raw`[A-Z]{1,6}-?\d[A-Z0-9]*(?:-[A-Z0-9]+)*`,
      String.raw`(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,}(?:-[A-Z0-9]+)*`,
      String.raw`(?:[A-Z0-9]+-)+${MIXED_PART}(?:-[A-Z0-9]+)*`,
      String.raw`${MIXED_PART}(?:-[A-Z0-9]+)+`,
    ].join("|") +
    String.raw`)(?![\w-])`,
  "g",
);
// Times, time ranges ("9AM-5PM"), ordinals and well-known names that look like codes.
const NOT_A_CODE =
  /^(?:\d{1,2}(?:am|pm)|\d{1,2}(?::\d{2})?(?:am|pm)?-\d{1,2}(?::\d{2})?(?:am|pm)|\d+(?:st|nd|rd|th)|\d{1,2}:\d{2}|covid-?19|sars-cov-2|h1n1|k?n95|40[13][kb]|1099(?:-[a-z]+)?|usb-?c)$/i;

export function extractReferences(text: string): ReferenceMention[] {
  const found: ReferenceMention[] = [];
  const add = (match: RegExpMatchArray, keyword: boolean) => {
    const raw = match.groups?.code ?? "";
    const start = (match.index ?? 0) + match[0].length - raw.length;
    const code = raw.toLowerCase().replace(/[^a-z0-9]/g, "");
    if (code.length < 4 || !/\d/.test(code) || NOT_A_CODE.test(raw.replace(/^#/, ""))) return;
    if (found.some((f) => f.start < start + raw.length && start < f.end)) return;
    const prefixed = /^#?([A-Za-z]{1,6})-(.+)$/.exec(raw);
    const core = prefixed?.[2] ? prefixed[2].toLowerCase().replace(/[^a-z0-9]/g, "") : null;
    found.push({ start, end: start + raw.length, text: raw, code, core: core && core.length >= 4 ? core : null, keyword });
  };
  for (const match of text.matchAll(KEYWORD_PATTERN)) add(match, true);
  for (const match of text.matchAll(HASH_PATTERN)) add(match, false);
  for (const match of text.matchAll(BARE_PATTERN)) add(match, false);
  return found.sort((a, b) => a.start - b.start);
}
