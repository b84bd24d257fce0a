"use client";
// The notice after a decision: names the email just decided ("Approved: <subject> to <recipient>"),
// offers Undo while the grace period lasts, and reports a refusal or an undo. Outcomes are announced
// politely; a refusal is an alert, with a link back to the email.
import Link from "next/link";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { useSingleKeyShortcuts } from "@/components/keyboard/shortcuts";
import { canUndo, decisionStore, decisionVerb, useLastDecision } from "./decision-store";
import { formatDateTime } from "@/lib/format-date";

const pendingVerb = { approve: "Approving", reject: "Rejecting", edit: "Saving your edit of" } as const;
/** Recorded, waiting out the undo period or for MultiMail: not "Approved" until MultiMail has it. */
const queuedVerb = { approve: "Approval queued", reject: "Rejection queued", edit: "Edit saved" } as const;

export function DecisionNotice({ onUndo }: { onUndo: () => void }) {
  const last = useLastDecision();
  const singleKeys = useSingleKeyShortcuts();
  const [now, setNow] = useState(() => Date.now());

  // Undo goes away when its grace period ends.
  const until = last?.phase === "done" && last.undoUntil ? Date.parse(last.undoUntil) : null;
  useEffect(() => {
    if (!until) return;
    const wait = until - Date.now();
    if (wait <= 0) return;
    const handle = setTimeout(() => setNow(Date.now()), wait + 50);
    return () => clearTimeout(handle);
  }, [until]);

  const name = last ? `“${last.subject || "(no subject)"}” to ${last.recipient || "no recipient"}` : "";
  const status = !last
    ? null
    : last.phase === "sending"
      ? `${pendingVerb[last.kind]} ${name}…`
      : last.phase === "done"
        ? `${last.acknowledged ? decisionVerb[last.kind] : queuedVerb[last.kind]}: ${name}.`
        : last.phase === "undoing"
          ? `Undoing: ${name}…`
          : last.phase === "undone"
            ? `Undone: ${name} is back in the queue.`
            : null;
  const failure =
    last?.phase === "failed"
      ? `Not ${decisionVerb[last.kind].toLowerCase()}: ${name}. ${last.message ?? ""}`
      : last?.phase === "undo-failed"
        ? `Not undone: ${last.message ?? ""}`
        : null;
  const undoOpen = canUndo(last, now);

  return (
    <div className="space-y-2">
      <div role="status" aria-live="polite" className={status ? "flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-ok/40 bg-panel p-3 text-sm" : ""}>
        {status ? (
          <>
            <p className="min-w-0 flex-1 basis-48 [overflow-wrap:anywhere]">
              {status}
              {last?.phase === "done" && last.message ? <span className="text-muted"> {last.message}</span> : null}
              {undoOpen && until ? (
                <span className="text-muted">
                  {" "}
                  It goes to MultiMail at{" "}
                  <time dateTime={last?.undoUntil ?? undefined} suppressHydrationWarning>
                    {formatDateTime(until, { seconds: true })}
                  </time>
                  .
                </span>
              ) : null}
            </p>
            {undoOpen ? (
              <Button size="sm" onClick={onUndo}>
                Undo {singleKeys ? <Kbd>z</Kbd> : null}
              </Button>
            ) : null}
            {last?.phase === "done" || last?.phase === "undone" ? (
              <Button size="sm" variant="ghost" onClick={() => decisionStore.clear()} aria-label="Dismiss this notice">
                ×
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
      <div role="alert" className={failure ? "rounded-md border border-bad/50 bg-panel p-3 text-sm text-bad" : ""}>
        {failure && last ? (
          <p className="[overflow-wrap:anywhere]">
            {failure}{" "}
            {last.phase === "failed" ? (
              <Link href={`/emails/${last.itemId}`} className="text-accent underline">
                Open it again
              </Link>
            ) : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}
