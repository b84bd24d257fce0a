"use client";
// Mutations of the review page: Server Actions through useMutation, the item removed from every
// cached queue page at once, rolled back on error, and everything invalidated when settled.
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { approveEmailAction, editEmailAction, rejectEmailAction } from "@/lib/review/actions";
import { reviewKeys } from "@/lib/review/queries";
import { unwrapAction } from "@/lib/http/action-result";
import type { EditInput, QueuePage } from "@/lib/review/schemas";

export type Decision =
  | { kind: "approve"; itemId: string; emailId: string; confirmRecipient?: boolean; acknowledgeStale?: boolean }
  | { kind: "reject"; itemId: string; emailId: string; reason: string }
  | ({ kind: "edit" } & EditInput);

export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) => {
      if (decision.kind === "approve")
        return unwrapAction(
          approveEmailAction({
            itemId: decision.itemId,
            emailId: decision.emailId,
            confirmRecipient: decision.confirmRecipient,
            acknowledgeStale: decision.acknowledgeStale,
          }),
        );
      if (decision.kind === "reject") return unwrapAction(rejectEmailAction({ itemId: decision.itemId, emailId: decision.emailId, reason: decision.reason }));
      const { kind: _kind, ...edit } = decision;
      void _kind;
      return unwrapAction(editEmailAction(edit));
    },
    onMutate: async (decision) => {
      await queryClient.cancelQueries({ queryKey: reviewKeys.queues() });
      const snapshot = queryClient.getQueriesData<QueuePage>({ queryKey: reviewKeys.queues() });
      queryClient.setQueriesData<QueuePage>({ queryKey: reviewKeys.queues() }, (page) =>
        page ? { ...page, rows: page.rows.filter((r) => r.id !== decision.itemId || r.state !== "pending") } : page,
      );
      return { snapshot };
    },
    onError: (_error, _decision, context) => {
      for (const [key, data] of (context?.snapshot ?? []) as [QueryKey, QueuePage | undefined][]) queryClient.setQueryData(key, data);
    },
    onSettled: (_data, _error, decision) => {
      void queryClient.invalidateQueries({ queryKey: reviewKeys.queues() });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.item(decision.itemId) });
    },
  });
}
