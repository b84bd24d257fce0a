// The evidence report for one held draft: agent doubt first, then recipients, then every
// specific in the subject and body checked against the call. Pure: no I/O.
import { judgeClaim } from "./check-claims";
import { checkRecipient } from "./check-recipient";
import { yearIn } from "./date-values";
import { type Evidence, indexTurns } from "./evidence-index";
import { extractClaims } from "./extract-claims";
import { normaliseEmail, toE164 } from "./extract-contacts";
import type { CheckDraftInput, EvidenceCounts, EvidenceReport, Finding, FindingKind } from "./schemas";
import { firstCreatedAt, flattenTranscript } from "./transcript";

export type { CheckDraftInput } from "./schemas";

/** Below this the agent's own confidence is shown to the reviewer. */
export const LOW_CONFIDENCE = 0.8;

/**
 * Checks a draft against its call. `input` is trusted (parse it with `checkDraftInputSchema`
 * at the boundary). Offsets of subject findings index `draft.subject`, of body findings the
 * raw `draft.markdown`; `part` says which.
 */
export function checkDraft(input: CheckDraftInput): EvidenceReport {
  const items = input.transcript;
  const callStart = input.callStartedAt ?? (items ? firstCreatedAt(items) : null);
  const referenceDate = input.referenceDate ?? (callStart !== null ? new Date(callStart * 1000) : new Date());
  const dates = { referenceDate, timeZone: input.timeZone ?? "UTC" };
  const evidence: Evidence = {
    turns: items ? indexTurns(flattenTranscript(items), { callStart, dates }) : null,
    callerEmail: input.caller?.email ? normaliseEmail(input.caller.email) : null,
    callerPhone: toE164(input.caller?.phone),
    referenceYear: yearIn(dates.timeZone, referenceDate),
  };

  const findings: Finding[] = [];
  const counters = new Map<FindingKind, number>();
  const nextId = (kind: FindingKind) => {
    const n = counters.get(kind) ?? 0;
    counters.set(kind, n + 1);
    return `${kind}-${n}`;
  };

  const note = agentNote(input.agent);
  if (note) findings.push({ ...note, id: nextId("agent_note") });

  for (const entry of input.draft.to) {
    const result = checkRecipient(entry, evidence);
    findings.push({ ...result, id: nextId("recipient"), kind: "recipient", part: null, start: null, end: null });
  }

  for (const part of ["subject", "body"] as const) {
    const text = part === "subject" ? input.draft.subject : input.draft.markdown;
    for (const claim of extractClaims(text, dates)) {
      const verdict = judgeClaim(claim, evidence);
      findings.push({
        id: nextId(claim.kind),
        kind: claim.kind,
        status: verdict.status,
        text: claim.text,
        part,
        start: claim.start,
        end: claim.end,
        message: verdict.message,
        turnIds: verdict.turnIds,
        needsConfirmation: false,
      });
    }
  }

  const recipients = findings.filter((f) => f.kind === "recipient");
  return {
    findings,
    counts: countStatuses(findings),
    recipientOk: recipients.length > 0 && recipients.every((f) => f.status === "supported"),
    transcriptAvailable: items !== null,
  };
}

function agentNote(agent: CheckDraftInput["agent"]): Omit<Finding, "id"> | null {
  const note = agent?.note?.trim() || null;
  const confidence = agent?.confidence ?? null;
  const low = confidence !== null && confidence < LOW_CONFIDENCE;
  if (!note && !low) return null;
  const percent = confidence !== null ? `${Math.round(confidence * 100)}%` : null;
  const message = note ? `Agent note: ${note}${percent ? ` (agent confidence ${percent})` : ""}` : `Agent confidence ${percent} is below ${LOW_CONFIDENCE * 100}%`;
  return {
    kind: "agent_note",
    status: "info",
    text: note ?? `confidence ${percent}`,
    part: null,
    start: null,
    end: null,
    message,
    turnIds: agent?.evidenceItemIds ?? [],
    needsConfirmation: false,
  };
}

function countStatuses(findings: readonly Finding[]): EvidenceCounts {
  const counts: EvidenceCounts = { supported: 0, unsupported: 0, mismatch: 0, unknown: 0 };
  for (const { status } of findings) if (status !== "info") counts[status]++;
  return counts;
}
