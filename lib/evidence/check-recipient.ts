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
  const turns = evidence.turns ?? [];
  const callerTurns = turns.filter((t) => t.turn.role === "user");
  const spelledBy = (list: readonly EvidenceTurn[], target: string) => list.filter((t) => spellsOut(t.tokens, target));
  const fromMetadata = evidence.callerEmail !== null && evidence.callerEmail === address;
  const spelled = spelledBy(callerTurns, address);

  if (emailSchema.safeParse(address).success && (fromMetadata || spelled.length > 0)) {
    const sources = [
      fromMetadata ? "matches the caller's email in the call metadata" : null,
      spelled.length ? `spelled out ${describeSources(spelled).replace(/^said by the caller/, "by the caller")}` : null,
    ].filter(Boolean);
    return verdict(entry, "supported", sources.join("; "), ids(spelled));
  }

  // What the agent said is not the caller's word: a read-back the caller never gave is a guess.
  const agentOnly = spelledBy(turns.filter((t) => t.turn.role === "assistant"), address);
  const agentNote = agentOnly.length ? `; the agent said it (${describeSources(agentOnly)}) but the caller did not` : "";
  const known = knownAddresses(evidence, callerTurns);

  if (!emailSchema.safeParse(address).success) {
    return verdict(entry, "mismatch", `"${entry.trim()}" is not a valid email address`, ids(agentOnly));
  }
  if (known.length > 0) {
    const list = known
      .map((k) => (k.turns.length ? `the caller spelled ${k.address} (${describeSources(k.turns).replace(/^said by the caller /, "")})` : `the call metadata has ${k.address}`))
      .join("; ");
    return verdict(entry, "mismatch", `not the caller's address: ${list}${agentNote}`, ids([...known.flatMap((k) => k.turns), ...agentOnly]));
  }
  const where = evidence.turns === null ? "none in the call metadata and the transcript is not available yet" : "none in the call metadata or spelled out by the caller";
  return verdict(entry, "unknown", `no caller address to compare with: ${where}${agentNote}`, ids(agentOnly));
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

function ids(turns: readonly EvidenceTurn[]): string[] {
  const order = (t: EvidenceTurn) => t.turn.createdAt ?? 0;
  return [...new Set([...turns].sort((a, b) => order(a) - order(b)).map((t) => t.turn.id))];
}
