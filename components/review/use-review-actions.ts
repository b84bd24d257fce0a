"use client";
// Mutations of the review page through useMutation: approve and reject post to the decision route
// (the page moves on while they run, and a Server Action would wait behind that move), edit is a
// Server Action (undo: use-undo.ts). The item leaves every cached queue page at once, is put back
// on error, and the queues are invalidated when settled. Each decision is also the tab's last
// decision (decision-store.ts), which outlives the page: the reviewer is on the next email before
// the server answers, and the notice there reports the outcome.
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { postJson } from "@/lib/http/post-json";
import { editEmailAction } from "@/lib/review/actions";
import { reviewKeys } from "@/lib/review/queries";
import { unwrapAction } from "@/lib/http/action-result";
import type { DecisionBody, EditInput, QueuePage } from "@/lib/review/schemas";
import { decisionStore } from "./decision-store";

/** What the notice names: the email as the reviewer saw it. */
export interface DecisionLabel {
  subject: string;
  recipient: string;
}

export type Decision = {
  label: DecisionLabel;
  /** The page moved on before the answer, keeping its claim for the decision (use-claim.ts keepOnLeave). */
  leftPage?: boolean;
} & (
  | { kind: "approve"; itemId: string; emailId: string; confirmRecipient?: boolean; acknowledgeStale?: boolean }
  | { kind: "reject"; itemId: string; emailId: string; reason: string }
  | ({ kind: "edit" } & EditInput)
);

type DecisionResult = { delivery: string; undoUntil?: string | null; revision?: number };

function deliveryNote(result: DecisionResult): string {
  if (result.undoUntil) return "";
  if (result.delivery === "delivered" || result.delivery === "reconciled") return "MultiMail has it.";
  return "MultiMail has not confirmed it yet; it is retried until it does.";
}

export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (decision: Decision): Promise<DecisionResult> => {
      const url = `/api/items/${encodeURIComponent(decision.itemId)}/decision`;
      if (decision.kind === "approve")
        return postJson<DecisionResult>(url, {
          action: "approve",
          emailId: decision.emailId,
          confirmRecipient: decision.confirmRecipient,
          acknowledgeStale: decision.acknowledgeStale,
        } satisfies DecisionBody);
      if (decision.kind === "reject")
        return postJson<DecisionResult>(url, { action: "reject", emailId: decision.emailId, reason: decision.reason } satisfies DecisionBody);
      const { kind: _kind, label: _label, leftPage: _leftPage, ...edit } = decision;
      void _kind;
      void _label;
      void _leftPage;
      return unwrapAction(editEmailAction(edit));
    },
    // These callbacks belong to the mutation, not to the page: they run after the page moved on.
    onMutate: async (decision) => {
      const seq = decisionStore.start({ itemId: decision.itemId, kind: decision.kind, subject: decision.label.subject, recipient: decision.label.recipient });
      await queryClient.cancelQueries({ queryKey: reviewKeys.queues() });
      const snapshot = queryClient.getQueriesData<QueuePage>({ queryKey: reviewKeys.queues() });
      queryClient.setQueriesData<QueuePage>({ queryKey: reviewKeys.queues() }, (page) =>
        // The header's counts sit under the same key and have no rows.
        page?.rows ? { ...page, rows: page.rows.filter((r) => r.id !== decision.itemId || r.state !== "pending") } : page,
      );
      return { snapshot, seq };
    },
    onSuccess: (result, _decision, context) => {
      const acknowledged = result.delivery === "delivered" || result.delivery === "reconciled";
      decisionStore.update(context.seq, { phase: "done", undoUntil: result.undoUntil ?? null, message: deliveryNote(result), acknowledged });
    },
    onError: (error, decision, context) => {
      // Refused after the page moved on, keeping its claim for the decision (use-claim.ts): give it up now.
      if (decision.leftPage) void fetch(`/api/items/${encodeURIComponent(decision.itemId)}/claim`, { method: "DELETE", keepalive: true });
      // An edit stays on its page until it is accepted, and its form says why it was refused: no second alert.
      if (context && decision.kind === "edit") decisionStore.clear();
      else if (context) decisionStore.update(context.seq, { phase: "failed", message: error.message });
      for (const [key, data] of (context?.snapshot ?? []) as [QueryKey, QueuePage | undefined][]) queryClient.setQueryData(key, data);
    },
    onSettled: (_data, _error, decision) => {
      void queryClient.invalidateQueries({ queryKey: reviewKeys.queues() });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.item(decision.itemId) });
    },
  });
}
