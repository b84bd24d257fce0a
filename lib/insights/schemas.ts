// The Insights page's filters (URL search params) and the numbers it shows (client-safe).
import { z } from "zod";

export const periods = [7, 30, 90] as const;
export type PeriodDays = (typeof periods)[number];

/** Unknown or missing values fall back to the defaults, as the other pages' filters do. */
export const insightsFiltersSchema = z.object({
  days: z.coerce
    .number()
    .pipe(z.union([z.literal(7), z.literal(30), z.literal(90)]))
    .catch(30),
  mailbox: z.string().trim().min(1).max(200).optional().catch(undefined),
  agent: z.string().trim().min(1).max(200).optional().catch(undefined),
});
export type InsightsFilters = z.infer<typeof insightsFiltersSchema>;

/** The decisions made in Countersign on one scope (everything, a mailbox, an agent) in the period. */
export interface DecisionStats {
  /** Approved, edited and rejected in Countersign. */
  decided: number;
  approved: number;
  edited: number;
  rejected: number;
  /** Decided or cancelled in MultiMail's own UI or API: not part of the rates. */
  decidedElsewhere: number;
  /** Seconds from held to the reviewer's decision (an edit counts when it was saved). */
  medianDecisionSeconds: number | null;
  p90DecisionSeconds: number | null;
  /** Evidence findings on the drafts decided, per draft. */
  findingsPerDraft: number | null;
  /** Approvals of a draft with at least one evidence finding. */
  approvedWithFindings: number;
  /** Decisions that had a due time (the mailbox had an SLA), and how many were on time. */
  withSla: number;
  slaMet: number;
}

export interface ScopeRow extends DecisionStats {
  key: string;
  label: string;
}

export interface ReasonCount {
  reason: string;
  count: number;
}

export interface DayCount {
  /** YYYY-MM-DD (UTC). */
  day: string;
  approved: number;
  edited: number;
  rejected: number;
}

export interface EditSize {
  /** Edits measured (revisions of items decided in the period). */
  edits: number;
  /** Median words changed per edit: max(words added, words removed), comparing the body's words as a bag. */
  medianWordsChanged: number | null;
}

export interface Insights {
  filters: InsightsFilters;
  from: string;
  to: string;
  /** Emails held in the period (by held time). */
  held: number;
  total: DecisionStats;
  byMailbox: ScopeRow[];
  byAgent: ScopeRow[];
  reasons: ReasonCount[];
  days: DayCount[];
  editSize: EditSize;
  /** Whether any mailbox has an SLA set (otherwise the SLA column says "no SLA set"). */
  anySla: boolean;
}

/** The counts behind a trust-ladder suggestion: one mailbox's last decisions made in Countersign. */
export interface LadderWindow {
  /** Decisions in the window (at most the window's size, 50). */
  decisions: number;
  approvedUnedited: number;
  edited: number;
  rejected: number;
  /** Approvals of a draft with at least one evidence finding. */
  findingsIgnored: number;
}

export interface TrustSuggestion {
  mailboxId: string;
  label: string;
  mode: string | null;
  window: LadderWindow;
  kind: "upgrade" | "stay" | "downgrade" | "keep";
  /** One line naming the numbers the suggestion rests on. */
  basis: string;
  headline: string;
  /** The mode to request (upgrade) or to go back to (downgrade). */
  targetMode: string | null;
}

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
