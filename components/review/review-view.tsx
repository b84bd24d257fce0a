"use client";
// The review page: the draft first, then the session and history beside it; approve, reject with a
// reason, or edit. After a decision the next held email opens (approve-and-advance).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { HoldBadges } from "@/components/inbox/hold-badges";
import { StaleNotice } from "@/components/inbox/stale-notice";
import { useStaleGate } from "@/components/inbox/use-stale-gate";
import { setFlash, takeFlash } from "@/components/ui/flash";
import { useLiveUpdates } from "@/components/realtime/use-live-updates";
import type { ActionError } from "@/lib/http/action-result";
import { itemQuery } from "@/lib/review/queries";
import { ClaimNotice } from "./claim-notice";
import { approveBlocked, DecisionPanel, type ApproveBlocks } from "./decision-panel";
import { DraftPanel } from "./draft-panel";
import { EditForm } from "./edit-form";
import { EvidencePanel } from "./evidence-panel";
import { HistoryPanel } from "./history-panel";
import { RevisionsPanel } from "./revisions-panel";
import { SessionPanel } from "./session-panel";
import { StateBadge } from "./state-badge";
import { useClaim } from "./use-claim";
import { useEditDraft } from "./use-edit-draft";
import { useRecipientGate } from "./use-recipient-gate";
import { useDecide } from "./use-review-actions";

export function ReviewView({ id, canDecide }: { id: string; canDecide: boolean }) {
  useLiveUpdates();
  const router = useRouter();
  const [remote, setRemote] = useState(false);
  const { data, error } = useQuery({ ...itemQuery(id, remote), placeholderData: (prev) => prev });
  const decide = useDecide();
  const gate = useRecipientGate(id, data?.item.currentEmailId);
  const staleGate = useStaleGate(data?.item.inbox?.stale, data?.item.currentEmailId);
  const [mode, setMode] = useState<"view" | "reject" | "edit">("view");
  const draft = useEditDraft(data?.email);
  // The recipients the server asked to confirm when it refused to save an edit (gates.ts).
  const [recipientAskedFor, setRecipientAskedFor] = useState<string | null>(null);
  // The outcome of the decision on the previous email, after approve-and-advance.
  const [notice] = useState<string | null>(takeFlash);

  const open = data?.item.state === "pending";
  const claim = useClaim(id, canDecide && open);
  const heldBy = claim.state.status === "other" ? claim.state.holder : null;
  // May decide: the decision box shows; pending: it is this reviewer's to decide now.
  const canAct = open && canDecide;
  const pending = canAct && !heldBy;
  const blocks: ApproveBlocks = {
    heldBy,
    unsavedEdit: draft?.dirty ?? false,
    recipient: gate.blocked ? (gate.needsConfirmation ? "confirm" : "checking") : null,
    stale: staleGate.blocked,
  };
  const nextHref = data?.nextItemId ? `/emails/${data.nextItemId}` : "/";

  const after = (message: string) => {
    setMode("view");
    setFlash(message);
    router.push(nextHref);
  };

  const discardEdit = () => {
    draft?.discard();
    setMode("view");
  };

  // The button and the `a` shortcut alike: never the unedited original while an edit is unsaved.
  const approve = () => {
    if (!data || !pending || decide.isPending || approveBlocked(blocks)) return;
    decide.mutate(
      { kind: "approve", itemId: data.item.id, emailId: data.item.currentEmailId, confirmRecipient: gate.confirmed, acknowledgeStale: staleGate.acknowledged },
      {
        onSuccess: (r) =>
          after(
            r.delivery === "delivered" || r.delivery === "reconciled"
              ? "Approved and sent."
              : "Approval queued: MultiMail has not confirmed it yet, and it is retried until it does.",
          ),
      },
    );
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const t = event.target;
      if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "a" && mode !== "reject") approve();
      else if (event.key === "r" && pending) setMode("reject");
      else if (event.key === "e" && pending) setMode("edit");
      else if (event.key === "m") document.querySelector<HTMLButtonElement>('[data-shortcut="m"]')?.click();
      else if (event.key === "Escape") {
        if (mode === "view") router.push("/");
        else setMode("view");
      } else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (error)
    return (
      <p role="alert" className="rounded-md border border-bad/40 bg-panel p-4 text-bad">
        {error.message}
      </p>
    );
  if (!data) return <p aria-busy="true">Loading…</p>;
  const { item, email } = data;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/" className="text-sm text-muted hover:text-fg">
          ← Queue
        </Link>
        <StateBadge state={item.state} delivery={item.delivery} />
        <HoldBadges inbox={item.inbox ? { writtenBy: item.inbox.writtenBy, stale: null } : undefined} />
        <span className="text-sm text-muted">{item.mailboxLabel}</span>
      </div>

      {notice ? (
        <p role="status" className="rounded-md border border-ok/40 bg-panel p-3 text-sm">
          {notice}
        </p>
      ) : null}
      {decide.error ? (
        <p role="alert" className="rounded-md border border-bad/50 bg-panel p-3 text-sm text-bad">
          {decide.error.message}
        </p>
      ) : null}
      <ClaimNotice state={claim.state} keptEdit={mode === "edit" && Boolean(draft?.dirty)} onTakeOver={() => void claim.takeOver()} />
      {open && !canDecide ? <p className="rounded-md border border-line bg-panel p-3 text-sm text-muted">Read-only: your role cannot decide emails.</p> : null}
      {item.attention ? (
        <p role="alert" className="rounded-md border border-warn/50 bg-warn/10 p-3 text-sm">
          {item.attention}
        </p>
      ) : null}
      {!open && item.decidedBy ? (
        <p className="rounded-md border border-line bg-panel p-3 text-sm">
          {item.state === "decided_elsewhere"
            ? "Decided outside Countersign"
            : item.state === "edited"
              ? "Edited and approved"
              : item.state === "approved"
                ? "Approved"
                : "Rejected"}
          {" by "}
          {item.decidedBy}
          {item.decisionReason ? ` — ${item.decisionReason}` : ""}
        </p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          {canAct ? <StaleNotice gate={staleGate} canAcknowledge={pending} /> : null}
          <EvidencePanel itemId={item.id} gate={gate} canConfirm={pending} />
          {mode === "edit" && draft && canAct ? (
            <EditForm
              draft={draft}
              busy={decide.isPending}
              gates={{
                stale: staleGate,
                recipient: gate,
                recipientAskedFor,
                blockedReason: heldBy ? `${heldBy} has this email now: take it back to save your edit.` : null,
              }}
              onCancel={discardEdit}
              onSubmit={(edit) =>
                decide.mutate(
                  { kind: "edit", itemId: item.id, emailId: item.currentEmailId, ...edit },
                  {
                    onSuccess: (r) =>
                      after(`Edit saved${"revision" in r ? ` as revision ${r.revision}` : ""}. The original is rejected and your version is being re-sent.`),
                    onError: (error) => {
                      if ((error as ActionError).details?.needsRecipientConfirmation) setRecipientAskedFor(draft.recipientsKey);
                    },
                  },
                )
              }
            />
          ) : (
            <DraftPanel email={email} heading="Draft" remoteLoaded={remote} onLoadRemote={() => setRemote(true)} />
          )}
          <RevisionsPanel revisions={data.revisions} />
        </div>
        <aside className="space-y-4" aria-label="Decision and context">
          {canAct ? (
            <DecisionPanel
              rejecting={mode === "reject"}
              busy={decide.isPending}
              blocks={blocks}
              onApprove={approve}
              onStartReject={() => setMode("reject")}
              onReject={(reason) => decide.mutate({ kind: "reject", itemId: item.id, emailId: item.currentEmailId, reason }, { onSuccess: () => after("Rejected.") })}
              onCancelReject={() => setMode("view")}
              onEdit={() => setMode("edit")}
              onDiscard={discardEdit}
            />
          ) : null}
          <SessionPanel itemId={item.id} session={data.session} metadata={email.metadata} />
          <HistoryPanel history={data.history} />
        </aside>
      </div>
    </div>
  );
}
