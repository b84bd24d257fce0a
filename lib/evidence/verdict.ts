// The answer for one claim, and the small helpers every check uses to word it.
import type { EvidenceTurn } from "./evidence-index";

export interface Verdict {
  status: "supported" | "unsupported" | "mismatch" | "unknown";
  message: string;
  turnIds: string[];
}

export const NOT_SAID = "not said on the call";
export const NO_TRANSCRIPT = "transcript not available yet";

/** Up to three distinct values across the call, each with where it was first said. */
export function distinct(turns: readonly EvidenceTurn[], values: (turn: EvidenceTurn) => string[]): string[] {
  const seen = new Map<string, string | null>();
  for (const turn of turns) {
    for (const value of values(turn)) if (!seen.has(value)) seen.set(value, turn.at);
  }
  return [...seen].slice(0, 3).map(([value, at]) => (at ? `${value} at ${at}` : value));
}

export function ids(turns: readonly EvidenceTurn[]): string[] {
  return [...new Set(turns.map((t) => t.turn.id))];
}
