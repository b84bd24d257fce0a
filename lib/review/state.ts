// The held-email lifecycle as one explicit state machine: the states (stored as a database enum)
// and the moves between them. lib/review/lifecycle.ts is the only code that moves an item.
import { decisionActionEnum, deliveryStateEnum, itemDecisionEnum, itemStateEnum, resendStateEnum } from "@/lib/db/tables/review";

export const itemStates = itemStateEnum.enumValues;
export type ItemState = (typeof itemStates)[number];
export type ItemDecision = (typeof itemDecisionEnum.enumValues)[number];
export type DecisionAction = (typeof decisionActionEnum.enumValues)[number];
export type DeliveryState = (typeof deliveryStateEnum.enumValues)[number];
export type ResendState = (typeof resendStateEnum.enumValues)[number];

/**
 * pending            a reviewer has to decide the current email
 * edited             the reviewer approved an edit: the original is being rejected and the revision
 *                    re-sent; it is approved automatically when the re-sent email matches the revision
 * approved, rejected decided in Countersign (delivery to MultiMail is tracked on the decision)
 * decided_elsewhere  decided or cancelled outside Countersign (MultiMail's own UI or API)
 *
 * approved/rejected/edited → pending: MultiMail refused our decision while it still holds the email,
 * or an edit's re-send came back different (the reviewer decides again; never "approved" while held).
 * approved/rejected/edited → decided_elsewhere: someone decided it another way in MultiMail first.
 */
const moves: Record<ItemState, readonly ItemState[]> = {
  pending: ["approved", "rejected", "edited", "decided_elsewhere"],
  edited: ["approved", "pending", "decided_elsewhere"],
  approved: ["pending", "decided_elsewhere"],
  rejected: ["pending", "decided_elsewhere"],
  decided_elsewhere: [],
};

export function canMove(from: ItemState, to: ItemState): boolean {
  return moves[from].includes(to);
}

export function isOpen(state: ItemState): boolean {
  return state === "pending" || state === "edited";
}

/** MultiMail statuses of an email still waiting for a decision (multimail-api.md §3). */
export function isHeldStatus(status: string): boolean {
  return status === "pending_send_approval" || status === "pending_inbound_approval";
}

/** The fields of an email that say how it left the queue (multimail-api.md §3 EmailResponse). */
export interface DecidedFields {
  status: string;
  approvedAt?: string | Date | null;
  approvedBy?: string | null;
  deliveredAt?: string | Date | null;
  bouncedAt?: string | Date | null;
}

/**
 * How an email that is no longer held was decided, from what the reference documents: the filterable
 * statuses `rejected`, `cancelled`, `deleted`, `scheduled`, `send_failed`, and for everything else
 * (the status after a successful send is undocumented, §3) the email's own `approved_at`/`approved_by`
 * and delivery timestamps. Null while the email is held or still being scanned, or when nothing says.
 */
export function decidedOutcome(email: DecidedFields): "approved" | "rejected" | "cancelled" | null {
  const { status } = email;
  if (isHeldStatus(status) || status === "pending_scan" || status === "pending_approval") return null;
  if (status === "rejected") return "rejected";
  if (status === "cancelled" || status === "deleted") return "cancelled";
  if (status === "scheduled" || status === "send_failed") return "approved";
  if (email.approvedAt || email.approvedBy || email.deliveredAt || email.bouncedAt) return "approved";
  return null;
}

export function outcomeDecision(outcome: "approved" | "rejected" | "cancelled"): ItemDecision {
  return outcome === "approved" ? "approve" : outcome === "rejected" ? "reject" : "cancel";
}
