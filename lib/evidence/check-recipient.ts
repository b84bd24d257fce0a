// Is each `to` address the caller's: from participant metadata (livekit.md §4) or spelled out
// by the caller on the call? Speech-to-text mangles dictated addresses, so anything else waits
// for a human.
import { z } from "zod";

import { describeSources, type Evidence, type EvidenceTurn } from "./evidence-index";
import { normaliseEmail } from "./extract-contacts";
import { extractSpokenEmails, spellsOut } from "./spoken-tokens";

export interface RecipientVerdict {
  text: string;
  status: "supported" | "mismatch" | "unknown";
  message: string;
  turnIds: string[];
  needsConfirmation: boolean;
}

const emailSchema = z.email();

export function checkRecipient(entry: string, evidence: Evidence): RecipientVerdict {
  const address = normaliseEmail(entry);
  if (!emailSchema.safeParse(address).success) {
    return verdict(entry, "mismatch", `"${entry.trim()}" is not a valid email address`, []);
  }
  const turns = evidence.turns ?? [];
  const callerTurns = turns.filter((t) => t.turn.role === "user");
  const fromMetadata = evidence.callerEmail === address;
  const spelled = callerTurns.filter((t) => spellsOut(t.tokens, address));
  if (fromMetadata || spelled.length > 0) {
    const sources = [fromMetadata ? "matches the caller's email in the call metadata" : null, spelled.length > 0 ? `spelled out by the caller${when(spelled)}` : null];
    return verdict(entry, "supported", sources.filter(Boolean).join("; "), orderedIds(spelled));
  }

  // The agent's read-back is not the caller's word: the caller may never have given it.
  const readBack = turns.filter((t) => t.turn.role === "assistant" && spellsOut(t.tokens, address));
  const readBackNote = readBack.length > 0 ? `; the agent said it (${describeSources(readBack)}) but the caller did not` : "";
  const known = knownAddresses(evidence, callerTurns);
  if (known.length > 0) {
    const list = known.map((k) => (k.turns.length > 0 ? `the caller spelled ${k.address} (${when(k.turns).trim()})` : `the call metadata has ${k.address}`));
    const turnIds = orderedIds([...known.flatMap((k) => k.turns), ...readBack]);
    return verdict(entry, "mismatch", `not the caller's address: ${list.join("; ")}${readBackNote}`, turnIds);
  }
  const where = evidence.turns === null ? "none in the call metadata and the transcript is not available yet" : "none in the call metadata or spelled out by the caller";
  return verdict(entry, "unknown", `no caller address to compare with: ${where}${readBackNote}`, orderedIds(readBack));
}

/** " at 00:42 and 01:05", or "" without timestamps. */
function when(turns: readonly EvidenceTurn[]): string {
  const times = [...new Set(turns.flatMap((t) => (t.at ? [t.at] : [])))];
  if (times.length === 0) return "";
  return ` at ${times.length > 1 ? `${times.slice(0, -1).join(", ")} and ${times.at(-1)}` : times[0]}`;
}

/** The caller's metadata email and every address the caller spelled, with where. */
function knownAddresses(evidence: Evidence, callerTurns: readonly EvidenceTurn[]) {
  const known: { address: string; turns: EvidenceTurn[] }[] = [];
  if (evidence.callerEmail) known.push({ address: evidence.callerEmail, turns: [] });
  for (const turn of callerTurns) {
    for (const address of extractSpokenEmails(turn.tokens)) {
      const entry = known.find((k) => k.address === address);
      if (!entry) known.push({ address, turns: [turn] });
      else if (entry.turns.length > 0) entry.turns.push(turn);
    }
  }
  return known;
}

function verdict(text: string, status: RecipientVerdict["status"], message: string, turnIds: string[]): RecipientVerdict {
  return { text, status, message, turnIds, needsConfirmation: status !== "supported" };
}

function orderedIds(turns: readonly EvidenceTurn[]): string[] {
  const order = (t: EvidenceTurn) => t.turn.createdAt ?? 0;
  return [...new Set([...turns].sort((a, b) => order(a) - order(b)).map((t) => t.turn.id))];
}
