"use client";
// The decision box of the review page: Approve, Reject, Edit, each off with a line saying why when it
// cannot be used: someone else holds the email, a gate is open, or unsaved edits that Approve would
// silently leave out (it sends the email as held).
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { KeyHint } from "@/components/keyboard/key-hint";
import { RejectForm } from "./reject-form";

export interface ApproveBlocks {
  /** Someone else holds the claim. */
  heldBy: string | null;
  unsavedEdit: boolean;
  /** The recipient waits for the reviewer's confirmation, or for its check to load. */
  recipient: "confirm" | "checking" | null;
  stale: boolean;
}

export function approveBlocked(blocks: ApproveBlocks): boolean {
  return Boolean(blocks.heldBy || blocks.recipient) || blocks.unsavedEdit || blocks.stale;
}

export function DecisionPanel({
  rejecting,
  rejectOnDigit,
  busy,
  blocks,
  onApprove,
  onStartReject,
  onReject,
  onCancelReject,
  onEdit,
  onDiscard,
}: {
  rejecting: boolean;
  /** The reject form's digits send at once (decisions can be undone). */
  rejectOnDigit: boolean;
  busy: boolean;
  blocks: ApproveBlocks;
  onApprove: () => void;
  onStartReject: () => void;
  onReject: (reason: string) => void;
  onCancelReject: () => void;
  onEdit: () => void;
  onDiscard: () => void;
}) {
  const held = Boolean(blocks.heldBy);
  const approveRef = useRef<HTMLButtonElement>(null);
  const reasons = [
    blocks.heldBy ? { id: "approve-claim", text: `${blocks.heldBy} has this email now: take it back to decide.` } : null,
    blocks.unsavedEdit ? { id: "approve-unsaved", text: "You have unsaved edits: Save edit and approve, or discard them first." } : null,
    blocks.recipient
      ? {
          id: "approve-gate",
          text: blocks.recipient === "confirm" ? "Confirm the recipient under Evidence checks to approve." : "Checking the recipient against the call…",
        }
      : null,
    blocks.stale ? { id: "approve-stale", text: "This draft is stale: acknowledge the newer message or call above to approve." } : null,
  ].filter((r) => r !== null);

  return (
    <section aria-labelledby="decide-title" className="rounded-md border border-line bg-panel p-4">
      <h2 id="decide-title" className="mb-3 text-sm font-semibold">
        Decision
      </h2>
      {rejecting && !held ? (
        <RejectForm busy={busy} sendOnDigit={rejectOnDigit} onCancel={onCancelReject} onSubmit={onReject} />
      ) : (
        <>
          <div className="flex flex-wrap gap-2">
            <Button
              ref={approveRef}
              variant="approve"
              onClick={onApprove}
              disabled={busy || reasons.length > 0}
              aria-describedby={reasons.map((r) => r.id).join(" ") || undefined}
              aria-keyshortcuts="a"
            >
              Approve <KeyHint>a</KeyHint>
            </Button>
            <Button variant="danger" onClick={onStartReject} disabled={busy || held} aria-keyshortcuts="r">
              Reject <KeyHint>r</KeyHint>
            </Button>
            <Button onClick={onEdit} disabled={busy || held} aria-keyshortcuts="e">
              Edit <KeyHint>e</KeyHint>
            </Button>
          </div>
          {reasons.map((r) =>
            r.id === "approve-unsaved" ? (
              <div key={r.id} className="mt-3 flex flex-wrap items-center gap-2 rounded-md border border-warn/60 bg-warn/10 p-2">
                <p id={r.id} className="min-w-0 flex-1 basis-40 text-xs">
                  {r.text}
                </p>
                <Button
                  size="sm"
                  onClick={() => {
                    onDiscard();
                    // The button goes with the edits: keep the keyboard where the decision is, on Approve.
                    requestAnimationFrame(() => approveRef.current?.focus());
                  }}
                >
                  Discard
                </Button>
              </div>
            ) : (
              <p key={r.id} id={r.id} className="mt-2 text-xs text-bad">
                {r.text}
              </p>
            ),
          )}
        </>
      )}
    </section>
  );
}
