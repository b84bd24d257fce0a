// One reading of an evidence report for every screen: the queue badge, the review page and the
// session page count problems the same way and say it in the same words. Client-safe, pure.
import type { EvidenceReport, Finding } from "./schemas";

/** What a finding counts as, for a reviewer. */
export type EvidenceVerdict = "problem" | "unverified" | "supported" | "note";

export interface EvidenceSummary {
  /** Stand between the draft and a plain approval: not said on the call, contradicting it, or a recipient to confirm. */
  problems: number;
  /** Of the problems, recipients the reviewer must confirm (the approval gate). */
  recipientsToConfirm: number;
  /** Could not be checked: the transcript has not arrived. */
  unverified: number;
  supported: number;
  /** The agent's own note or doubt, and reply recipients MultiMail chose: shown, not counted as problems. */
  notes: number;
  /** "2 problems · 3 supported · 1 not checked" */
  label: string;
}

export function verdictOf(finding: Pick<Finding, "status" | "needsConfirmation">): EvidenceVerdict {
  if (finding.status === "unsupported" || finding.status === "mismatch" || finding.needsConfirmation) return "problem";
  if (finding.status === "unknown") return "unverified";
  if (finding.status === "supported") return "supported";
  return "note";
}

/** "0 problems", "1 problem", "2 problems": the words the queue, the review page and the session page share. */
export function problemsLabel(problems: number): string {
  return `${problems} problem${problems === 1 ? "" : "s"}`;
}

export function summarizeEvidence(report: Pick<EvidenceReport, "findings">): EvidenceSummary {
  const counts: Record<EvidenceVerdict, number> = { problem: 0, unverified: 0, supported: 0, note: 0 };
  let recipientsToConfirm = 0;
  for (const finding of report.findings) {
    counts[verdictOf(finding)]++;
    if (finding.kind === "recipient" && finding.needsConfirmation) recipientsToConfirm++;
  }
  const parts = [problemsLabel(counts.problem), `${counts.supported} supported`, counts.unverified ? `${counts.unverified} not checked` : null];
  return {
    problems: counts.problem,
    recipientsToConfirm,
    unverified: counts.unverified,
    supported: counts.supported,
    notes: counts.note,
    label: parts.filter(Boolean).join(" · "),
  };
}

/** What an email without a voice session says instead of "the transcript is not available yet". */
export const NO_SESSION = "This email has no voice session: there is no call to check it against";

const NO_CALL = "no call to check it against";

/**
 * Evidence as a reviewer reads it. An email that names no voice session (transcript state "none")
 * will never have a transcript: what could not be checked says so plainly rather than waiting for one.
 */
export function explainNoSession<T extends { report: Pick<EvidenceReport, "findings">; transcriptState: string }>(evidence: T): T {
  if (evidence.transcriptState !== "none") return evidence;
  return {
    ...evidence,
    report: {
      ...evidence.report,
      // The recipient says it in full; each specific under it briefly.
      findings: evidence.report.findings.map((f) => (f.status !== "unknown" ? f : { ...f, message: f.kind === "recipient" ? NO_SESSION : NO_CALL })),
    },
  };
}
