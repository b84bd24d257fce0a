"use client";
// The last decision made in this tab: what the notice after approve-and-advance names, and what
// Undo (its button and the `z` key) acts on. It lives outside the page, because the page moves on to
// the next email the moment a decision is made, before the server has answered.
import { useSyncExternalStore } from "react";

export type DecisionKind = "approve" | "reject" | "edit";

export interface LastDecision {
  seq: number;
  itemId: string;
  kind: DecisionKind;
  subject: string;
  recipient: string;
  /** sending: the server has not answered; done: recorded; failed: refused; then the undo's own phases. */
  phase: "sending" | "done" | "failed" | "undoing" | "undone" | "undo-failed";
  /** The delivery note after done, the server's words after failed or undo-failed. */
  message: string | null;
  /** Until when Undo can take the decision back (ISO), null when it goes to MultiMail at once. */
  undoUntil: string | null;
  /** After done: MultiMail acknowledged it; false while it is queued (never called "Approved" until then). */
  acknowledged?: boolean;
}

let last: LastDecision | null = null;
let seq = 0;
const listeners = new Set<() => void>();

function set(next: LastDecision | null) {
  last = next;
  for (const listener of listeners) listener();
}

export const decisionStore = {
  get: () => last,
  start(input: Pick<LastDecision, "itemId" | "kind" | "subject" | "recipient">): number {
    seq += 1;
    set({ ...input, seq, phase: "sending", message: null, undoUntil: null });
    return seq;
  },
  /** Updates the decision `at` names, unless a newer one took its place meanwhile. */
  update(at: number, patch: Partial<Omit<LastDecision, "seq" | "itemId" | "kind">>) {
    if (last && last.seq === at) set({ ...last, ...patch });
  },
  clear() {
    set(null);
  },
};

export function useLastDecision(): LastDecision | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => last,
    () => null,
  );
}

export const decisionVerb: Record<DecisionKind, string> = { approve: "Approved", reject: "Rejected", edit: "Edited and approved" };

/** Undo is open: the decision is recorded and its grace period has not run out. */
export function canUndo(decision: LastDecision | null, now = Date.now()): boolean {
  return Boolean(decision && decision.phase === "done" && decision.undoUntil && Date.parse(decision.undoUntil) > now);
}
