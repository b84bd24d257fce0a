"use client";
// Undo of the tab's last decision (the decision notice's Undo and `z`, on the review page and the
// queue alike): its own module, so the queue does not load what deciding needs.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { unwrapAction } from "@/lib/http/action-result";
import { undoDecisionAction } from "@/lib/review/actions";
import { reviewKeys } from "@/lib/review/queries";
import type { Shortcut } from "@/components/keyboard/shortcuts";
import { canUndo, decisionStore } from "./decision-store";

/** Takes the tab's last decision back (the notice's Undo and `z`), then shows the email again. */
export function useUndo() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return async () => {
    const decision = decisionStore.get();
    if (!decision || decision.phase !== "done") return;
    decisionStore.update(decision.seq, { phase: "undoing" });
    try {
      await unwrapAction(undoDecisionAction({ itemId: decision.itemId }));
      decisionStore.update(decision.seq, { phase: "undone", message: null });
      await queryClient.invalidateQueries({ queryKey: reviewKeys.item(decision.itemId) });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.queues() });
      router.push(`/emails/${decision.itemId}`);
    } catch (error) {
      // A conflict: the decision already went to MultiMail; its message says so.
      decisionStore.update(decision.seq, { phase: "undo-failed", message: (error as Error).message });
    }
  };
}

/** `z`, wherever the decision notice shows: undoes the tab's last decision while it can be undone. */
export function undoShortcut(undo: () => Promise<void>): Shortcut {
  return {
    key: "z",
    label: "Undo the last decision",
    group: "Decide",
    run: () => {
      if (!canUndo(decisionStore.get(), Date.now())) return false;
      void undo();
    },
  };
}
