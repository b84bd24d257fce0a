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
import { Button } from "@/components/ui/button";
import { setFlash, takeFlash } from "@/components/ui/flash";
import { Kbd } from "@/components/ui/kbd";
import { useLiveUpdates } from "@/components/realtime/use-live-updates";
import { itemQuery } from "@/lib/review/queries";
import { DraftPanel } from "./draft-panel";
import { EditForm } from "./edit-form";
import { EvidencePanel } from "./evidence-panel";
import { HistoryPanel } from "./history-panel";
import { RejectForm } from "./reject-form";
import { RevisionsPanel } from "./revisions-panel";
import { SessionPanel } from "./session-panel";
import { StateBadge } from "./state-badge";
import { useClaim } from "./use-claim";
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
  // The outcome of the decision on the previous email, after approve-and-advance.
  const [notice] = useState<string | null>(takeFlash);

  const open = data?.item.state === "pending";
  const claim = useClaim(id, canDecide && open);
  const heldByOther = claim.state.status === "other";
  const pending = open && canDecide && !heldByOther;
  const nextHref = data?.nextItemId ? `/emails/${data.nextItemId}` : "/";

  const after = (message: string) => {
    setMode("view");
    setFlash(message);
    router.push(nextHref);
  };

  const approve = () => {
    if (!data || !pending || decide.isPending || gate.blocked || staleGate.blocked) return;
    decide.mutate(
      { kind: "approve", itemId: data.item.id, emailId: data.item.currentEmailId, confirmRecipient: gate.confirmed, acknowledgeStale: staleGate.acknowledged },
      { onSuccess: (r) => after(r.delivery === "delivered" || r.delivery === "reconciled" ? "Approved and sent." : "Approval queued: MultiMail has not confirmed it yet, and it is retried until it does.") },
    );
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const t = event.target;
      if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "a" && mode === "view") approve();
      else if (event.key === "r" && pending) setMode("reject");
      else if (event.key === "e" && pending) setMode("edit");
      else if (event.key === "m") document.querySelector<HTMLButtonElement>('[data-shortcut="m"]')?.click();
      else if (event.key === "Escape") {
        if (mode === "view") router.push("/");
        else setMode("view");
      }
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (error) return <p role="alert" className="rounded-md border border-bad/40 bg-panel p-4 text-bad">{error.message}</p>;
  if (!data) return <p aria-busy="true">Loading…</p>;
  const { item, email } = data;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/" className="text-sm text-muted hover:text-fg">← Queue</Link>
        <StateBadge state={item.state} delivery={item.delivery} />
        <HoldBadges inbox={item.inbox ? { writtenBy: item.inbox.writtenBy, stale: null } : undefined} />
        <span className="text-sm text-muted">{item.mailboxLabel}</span>
      </div>

      {notice ? <p role="status" className="rounded-md border border-ok/40 bg-panel p-3 text-sm">{notice}</p> : null}
      {decide.error ? (
        <p role="alert" className="rounded-md border border-bad/50 bg-panel p-3 text-sm text-bad">{decide.error.message}</p>
      ) : null}
      {heldByOther && claim.state.status === "other" ? (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-warn/50 bg-warn/10 p-3 text-sm">
          <span><strong>{claim.state.holder}</strong> is reviewing this email right now. You can read it; to decide, take it over.</span>
          <Button size="sm" onClick={() => void claim.takeOver()}>Take over</Button>
        </div>
      ) : null}
      {claim.state.status === "error" ? <p role="alert" className="rounded-md border border-bad/50 bg-panel p-3 text-sm text-bad">{claim.state.message}</p> : null}
      {open && !canDecide ? <p className="rounded-md border border-line bg-panel p-3 text-sm text-muted">Read-only: your role cannot decide emails.</p> : null}
      {item.attention ? <p role="alert" className="rounded-md border border-warn/50 bg-warn/10 p-3 text-sm">{item.attention}</p> : null}
      {!pending && item.decidedBy ? (
        <p className="rounded-md border border-line bg-panel p-3 text-sm">
          {item.state === "decided_elsewhere" ? "Decided outside Countersign" : item.state === "edited" ? "Edited and approved" : item.state === "approved" ? "Approved" : "Rejected"}
          {" by "}{item.decidedBy}{item.decisionReason ? ` — ${item.decisionReason}` : ""}
        </p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          {pending ? <StaleNotice gate={staleGate} canAcknowledge={canDecide && !heldByOther} /> : null}
          <EvidencePanel itemId={item.id} gate={gate} canConfirm={pending} />
          {mode === "edit" ? (
            <EditForm
              email={email}
              busy={decide.isPending}
              onCancel={() => setMode("view")}
              onSubmit={(edit) =>
                decide.mutate({ kind: "edit", itemId: item.id, emailId: item.currentEmailId, ...edit }, { onSuccess: (r) => after(`Edit saved${"revision" in r ? ` as revision ${r.revision}` : ""}. The original is rejected and your version is being re-sent.`) })
              }
            />
          ) : (
            <DraftPanel email={email} heading="Draft" remoteLoaded={remote} onLoadRemote={() => setRemote(true)} />
          )}
          <RevisionsPanel revisions={data.revisions} />
        </div>
        <aside className="space-y-4" aria-label="Decision and context">
          {pending ? (
            <section aria-labelledby="decide-title" className="rounded-md border border-line bg-panel p-4">
              <h2 id="decide-title" className="mb-3 text-sm font-semibold">Decision</h2>
              {mode === "reject" ? (
                <RejectForm
                  busy={decide.isPending}
                  onCancel={() => setMode("view")}
                  onSubmit={(reason) => decide.mutate({ kind: "reject", itemId: item.id, emailId: item.currentEmailId, reason }, { onSuccess: () => after("Rejected.") })}
                />
              ) : (
                <div className="flex flex-wrap gap-2">
                  <Button variant="approve" onClick={approve} disabled={decide.isPending || gate.blocked || staleGate.blocked} aria-describedby={[gate.blocked ? "approve-gate" : "", staleGate.blocked ? "approve-stale" : ""].join(" ").trim() || undefined}>Approve <Kbd>a</Kbd></Button>
                  <Button variant="danger" onClick={() => setMode("reject")} disabled={decide.isPending}>Reject <Kbd>r</Kbd></Button>
                  <Button onClick={() => setMode("edit")} disabled={decide.isPending}>Edit <Kbd>e</Kbd></Button>
                </div>
              )}
              {gate.blocked && gate.needsConfirmation && mode !== "reject" ? <p id="approve-gate" className="mt-2 text-xs text-bad">Confirm the recipient under Evidence checks to approve.</p> : null}
              {staleGate.blocked && mode !== "reject" ? <p id="approve-stale" className="mt-2 text-xs text-bad">This draft is stale: acknowledge the newer message or call above to approve.</p> : null}
            </section>
          ) : null}
          <SessionPanel itemId={item.id} session={data.session} metadata={email.metadata} />
          <HistoryPanel history={data.history} />
        </aside>
      </div>
    </div>
  );
}
