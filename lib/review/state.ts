// The held-email lifecycle as one explicit state machine: which moves a review item may make.
export const itemStates = ["pending", "approved", "rejected", "edited", "decided_elsewhere"] as const;
export type ItemState = (typeof itemStates)[number];

/**
 * pending            a reviewer has to decide the current email
 * edited             the reviewer approved an edit: the original is being rejected and the revision
 *                    re-sent; it is approved automatically when the re-sent email matches the revision
 * approved, rejected decided in Countersign (delivery to MultiMail is tracked on the decision)
 * decided_elsewhere  decided or cancelled outside Countersign (MultiMail's own UI or API)
 */
const moves: Record<ItemState, readonly ItemState[]> = {
  pending: ["approved", "rejected", "edited", "decided_elsewhere"],
  edited: ["approved", "pending", "decided_elsewhere"],
  approved: [],
  rejected: [],
  decided_elsewhere: [],
};

export function canMove(from: ItemState, to: ItemState): boolean {
  return moves[from].includes(to);
}

export function isOpen(state: string): boolean {
  return state === "pending" || state === "edited";
}

/** MultiMail statuses of an email still waiting for a decision (multimail-api.md §3). */
export function isHeldStatus(status: string): boolean {
  return status === "pending_send_approval" || status === "pending_inbound_approval";
}

/** A MultiMail status that means the email was decided or withdrawn (§3; `pending_scan` is neither). */
export function decidedOutcome(status: string): "approved" | "rejected" | "cancelled" | null {
  if (status === "approved" || status === "approved_and_sent" || status === "scheduled" || status === "send_failed") return "approved";
  if (status === "rejected") return "rejected";
  if (status === "cancelled" || status === "deleted") return "cancelled";
  return null;
}
