// Every checkable specific in one piece of draft text, with overlaps settled so no span is
// reported twice.
import { type DateContext, type DateMention, extractDates } from "./extract-dates";
import { extractEmails, extractPhones, extractUrls, type Span } from "./extract-contacts";
import { extractMoney, type Money } from "./extract-money";
import { extractReferences } from "./extract-references";

export type Claim = Span &
  (
    | { kind: "date" | "weekday" | "time"; mention: DateMention }
    | { kind: "money"; money: Money }
    | { kind: "phone"; e164: string }
    | { kind: "email"; address: string }
    | { kind: "url"; normalised: string }
    | { kind: "reference"; code: string; core: string | null }
  );

interface Candidate {
  claim: Claim;
  priority: number;
}

/**
 * Overlap rule: the longest span wins (a URL beats the order number inside it, a date beats
 * the "3PM" a code pattern also saw); on equal length, the lower priority number wins.
 */
const PRIORITY = { email: 0, url: 1, keywordReference: 2, phone: 3, money: 4, date: 5, reference: 6 } as const;

export function extractClaims(text: string, context: DateContext): Claim[] {
  // Emphasis splits "your reference is **AD-D09077**" and "**Friday**, March 14 at **3pm**"; codes and
  // dates are read with it blanked. Addresses and links keep the raw text ("~" and "_" belong in them).
  const plain = blankEmphasis(text);
  const candidates: Candidate[] = [
    ...extractEmails(text).map((m) => candidate({ ...m, kind: "email" }, PRIORITY.email)),
    ...extractUrls(text).map((m) => candidate({ ...m, kind: "url" }, PRIORITY.url)),
    ...extractReferences(plain).map(({ keyword, ...m }) =>
      candidate({ ...m, text: text.slice(m.start, m.end), kind: "reference" }, keyword ? PRIORITY.keywordReference : PRIORITY.reference),
    ),
    ...extractPhones(text).map((m) => candidate({ ...m, kind: "phone" }, PRIORITY.phone)),
    ...extractMoney(text).map(({ currency, cents, ...span }) => candidate({ ...span, kind: "money", money: { currency, cents } }, PRIORITY.money)),
    ...extractDates(plain, context).map((mention) => candidate({ ...trimMarkers(text, mention.start, mention.end), kind: mention.kind, mention }, PRIORITY.date)),
  ];
  candidates.sort((a, b) => length(b.claim) - length(a.claim) || a.priority - b.priority || a.claim.start - b.claim.start);
  const kept: Claim[] = [];
  for (const { claim } of candidates) {
    if (!kept.some((k) => k.start < claim.end && claim.start < k.end)) kept.push(claim);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function candidate(claim: Claim, priority: number): Candidate {
  return { claim, priority };
}

/**
 * Markdown emphasis, strike-through and code markers as spaces, so the length and every offset stay
 * those of the raw markdown (marked's lexer gives no source positions). An underscore inside a word
 * never opens or closes emphasis in CommonMark, so "mary_jones" and "AB_12" keep theirs.
 */
export function blankEmphasis(text: string): string {
  return text.replace(/[*`~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, " ");
}

/** The span in the original text, without emphasis markers at its edges. */
function trimMarkers(text: string, start: number, end: number): Span {
  let from = start;
  let to = end;
  while (from < to && /[*_`~\s]/.test(text[from] ?? "")) from++;
  while (to > from && /[*_`~\s]/.test(text[to - 1] ?? "")) to--;
  return { start: from, end: to, text: text.slice(from, to) };
}

function length(span: Span): number {
  return span.end - span.start;
}
