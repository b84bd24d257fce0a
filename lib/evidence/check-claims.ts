// Is each specific in the draft (date, time, amount, phone, address, link, code) on the call?
import { judgeDate } from "./check-dates";
import { describeSources, type Evidence, type EvidenceTurn } from "./evidence-index";
import type { Claim } from "./extract-claims";
import { formatPhone, spokenPhoneDigits } from "./extract-contacts";
import { formatMoney, sameMoney } from "./extract-money";
import { spellsOut } from "./spoken-tokens";
import { distinct, ids, NO_TRANSCRIPT, NOT_SAID, type Verdict } from "./verdict";

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
