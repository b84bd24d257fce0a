// Token matching for things people spell out on calls: "j o h n dot smith at gmail dot com",
// "R E F dash four eight two one three", "acme dental dot com slash book".
import { z } from "zod";

import { normaliseSpokenText } from "./spoken";

export interface Token {
  /** Lower-cased word, digits, or one of the symbols . @ / _ - + : */
  value: string;
  symbol: boolean;
  /** Sentence punctuation (, ; ! ? or ". ") sits between this token and the previous one. */
  breakBefore: boolean;
}

const SPOKEN_SYMBOLS: Record<string, string> = {
  dot: ".",
  period: ".",
  at: "@",
  slash: "/",
  underscore: "_",
  dash: "-",
  hyphen: "-",
  plus: "+",
};
const JOINERS = new Set([".", "@", "/", "_", "-", "+", ":"]);
const PIECE = /[A-Za-z0-9]+(?:'[A-Za-z]+)?|\S/g;

/** Splits normalised transcript text into words and symbols; spoken symbol names become symbols. */
export function tokenize(text: string): Token[] {
  const source = normaliseSpokenText(text);
  const tokens: Token[] = [];
  let pendingBreak = false;
  for (const match of source.matchAll(PIECE)) {
    const piece = match[0];
    const lower = piece.toLowerCase();
    if (/^[a-z0-9]/i.test(piece)) {
      const symbol = SPOKEN_SYMBOLS[lower];
      const previous = tokens.at(-1);
      // "at sign" / "at symbol": the noun after "at" is part of the symbol.
      if ((lower === "sign" || lower === "symbol") && previous?.value === "@") continue;
      tokens.push({ value: symbol ?? lower, symbol: symbol !== undefined, breakBefore: pendingBreak });
      pendingBreak = false;
      continue;
    }
    const before = source[match.index - 1];
    const after = source[match.index + 1];
    const glued = before !== undefined && after !== undefined && /\S/.test(before) && /\S/.test(after);
    if (piece === "@" || (JOINERS.has(piece) && glued)) {
      tokens.push({ value: piece, symbol: true, breakBefore: pendingBreak });
      pendingBreak = false;
    } else if (/[.,;!?]/.test(piece)) {
      pendingBreak = true;
    }
  }
  return tokens;
}

export interface RunOptions {
  /**
   * Skip symbols on both sides (reference codes and phone digits compare on letters and digits only),
   * and read a spoken "o" / "oh" as either the letter or zero ("D oh nine" spells "D09").
   */
  ignoreSymbols?: boolean;
}

/** A lone "o" or "oh" before a letter is not made a digit by normaliseSpokenText; in a code it may be one. */
const ZERO_WORDS = new Set(["o", "oh"]);

/**
 * True when consecutive tokens, glued without spaces, spell `target` exactly (case-insensitive).
 * A run starts and ends on token boundaries, so "55512" does not match inside "4155551234".
 */
export function spellsOut(tokens: readonly Token[], target: string, options: RunOptions = {}): boolean {
  const wanted = options.ignoreSymbols ? target.toLowerCase().replace(/[^a-z0-9]/g, "") : target.toLowerCase();
  if (!wanted) return false;
  const readings = (token: Token) => (options.ignoreSymbols && ZERO_WORDS.has(token.value) ? [token.value, "0"] : [token.value]);
  // Every prefix of `wanted` the run so far can spell; more than one only after an "oh".
  const extend = (built: readonly string[], token: Token) =>
    built.flatMap((prefix) => readings(token).map((value) => prefix + value)).filter((next) => wanted.startsWith(next));
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.symbol && options.ignoreSymbols) continue;
    let built = [""];
    for (let j = i; j < tokens.length; j++) {
      const token = tokens[j]!;
      if (token.symbol && options.ignoreSymbols) continue;
      built = extend(built, token);
      if (built.length === 0) break;
      if (built.includes(wanted)) return true;
    }
  }
  return false;
}

const STOP_WORDS = new Set([
  "is",
  "it's",
  "its",
  "it",
  "that's",
  "thats",
  "that",
  "this",
  "email",
  "mail",
  "address",
  "my",
  "me",
  "sure",
  "yes",
  "yeah",
  "yep",
  "ok",
  "okay",
  "so",
  "um",
  "uh",
  "use",
  "send",
  "to",
  "the",
  "and",
  "you",
  "can",
  "reach",
  "i'm",
  "im",
  "be",
  "should",
  "would",
  "could",
  "please",
  "try",
  "on",
  "under",
  "was",
  "actually",
  "no",
  "sorry",
  "right",
  "just",
  "or",
  "of",
  "for",
  "with",
  "there",
  "here",
  "correct",
  "spelled",
  "spell",
  "like",
  "as",
  "from",
]);

const emailSchema = z.email();

function isSingleChar(token: Token | undefined): boolean {
  return token !== undefined && token.value.length === 1;
}

/**
 * Email addresses said or written in a turn, in their longest plausible reading
 * ("my email is john dot smith at gmail dot com" → "john.smith@gmail.com").
 */
export function extractSpokenEmails(tokens: readonly Token[]): string[] {
  const found: string[] = [];
  tokens.forEach((token, at) => {
    if (token.value !== "@" || !token.symbol) return;
    const domain = readDomain(tokens, at + 1);
    const local = readLocalPart(tokens, at - 1);
    if (!domain || !local) return;
    const address = `${local}@${domain}`;
    if (emailSchema.safeParse(address).success && !found.includes(address)) found.push(address);
  });
  return found;
}

function readLocalPart(tokens: readonly Token[], from: number): string | null {
  const parts: string[] = [];
  for (let i = from; i >= 0 && from - i < 40; i--) {
    const token = tokens[i]!;
    if (token.value === "@") break;
    if (!token.symbol && STOP_WORDS.has(token.value)) break;
    parts.unshift(token.value);
    // Sentence punctuation ends the address unless it separates spelled letters ("j, o, h, n").
    if (token.breakBefore && !(isSingleChar(token) && isSingleChar(tokens[i - 1]))) break;
  }
  while (parts[0] !== undefined && /^[._+-]$/.test(parts[0])) parts.shift();
  return parts.length ? parts.join("") : null;
}

function readDomain(tokens: readonly Token[], from: number): string | null {
  const labels: string[] = [];
  let label = "";
  let wordsInLabel = 0;
  let labelSpelled = true;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i > from && token.breakBefore) break;
    if (!token.symbol) {
      // Before the first dot a name may be said in pieces ("acme dental"); after it, one word per label.
      const spelled = token.value.length === 1;
      const limit = labels.length > 0 ? 1 : 4;
      if (wordsInLabel >= limit && !(spelled && labelSpelled && wordsInLabel < 30)) break;
      label += token.value;
      labelSpelled = labelSpelled && spelled;
      wordsInLabel++;
    } else if (token.value === "." && label) {
      labels.push(label);
      label = "";
      labelSpelled = true;
      wordsInLabel = 0;
    } else if (token.value === "-" && label) {
      label += "-";
    } else break;
  }
  if (label) labels.push(label);
  const tld = labels.at(-1);
  if (labels.length < 2 || !tld || !/^[a-z]{2,}$/.test(tld)) return null;
  return labels.join(".");
}
