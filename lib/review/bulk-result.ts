// What a bulk decision answers, item by item (client-safe, no zod).

/** At most this many emails per bulk decision, however many the selection or filter matches. */
export const BULK_LIMIT = 500;

/**
 * decided                 recorded, like a single decision (the outbox delivers it)
 * needs_confirmation      the recipient must be confirmed on the email's own page first
 * needs_acknowledgement   the draft is stale: the newer message or call must be acknowledged on its page first
 * claimed                 someone else has the email open
 * four_eyes               the reviewer edited it; four-eyes needs another reviewer's approval
 * already_decided         decided before this request (by anyone, including an earlier submission)
 * changed                 the email changed under the request (a newer version, a concurrent decision)
 * not_found               no such email
 * failed                  an unexpected error (logged); nothing recorded for this email
 */
export type BulkItemStatus =
  "decided" | "needs_confirmation" | "needs_acknowledgement" | "claimed" | "four_eyes" | "already_decided" | "changed" | "not_found" | "failed";

export interface BulkItemResult {
  itemId: string;
  subject: string;
  status: BulkItemStatus;
  /** Why it was left out, in words for the reviewer; null when decided. */
  message: string | null;
}

export interface BulkDecideResult {
  action: "approve" | "reject";
  /** How many emails the request named or its filter matched (after the cap). */
  requested: number;
  decided: number;
  /** The filter matched more held emails than one bulk decision takes (BULK_LIMIT); the rest are untouched. */
  capped: boolean;
  results: BulkItemResult[];
}
