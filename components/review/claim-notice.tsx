"use client";
// Who holds the email when it is not this reviewer: someone who had it open first, or someone who
// just took it over from them (pushed live). Either way the decision waits until they take it (back).
import { Button } from "@/components/ui/button";
import type { ClaimState } from "./use-claim";

export function ClaimNotice({ state, keptEdit, onTakeOver }: { state: ClaimState; keptEdit: boolean; onTakeOver: () => void }) {
  if (state.status === "error")
    return (
      <p role="alert" className="rounded-md border border-bad/50 bg-panel p-3 text-sm text-bad">
        {state.message}
      </p>
    );
  if (state.status !== "other") return null;
  return (
    <div role="alert" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-warn/60 bg-warn/10 p-3 text-sm">
      {state.tookOver ? (
        <span>
          <strong>{state.holder} took this email over.</strong> You cannot decide it while they review it{keptEdit ? "; your unsaved edit is kept" : ""}.
        </span>
      ) : (
        <span>
          <strong>{state.holder}</strong> is reviewing this email right now. You can read it; to decide, take it over.
        </span>
      )}
      <Button size="sm" onClick={onTakeOver}>
        {state.tookOver ? "Take it back" : "Take over"}
      </Button>
    </div>
  );
}
