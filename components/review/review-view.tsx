"use client";
// The review page: the draft first, then the session and history beside it; approve, reject with a
// reason, or edit, each a few keys away. A decision (and `j`/`k`) moves to the next email in place:
// its data was prefetched while this one was read, so the page swaps it in from the cache and only
// the address changes (history.pushState, which the App Router follows) – no server render, and the
// decision itself goes with fetch beside it. The notice there names what was decided and offers Undo.
import { useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { notFound, useRouter } from "next/navigation";
import { usePathname } from "@/lib/navigation";
import { useEffect, useRef, useState } from "react";
import { HoldBadges } from "@/components/inbox/hold-badges";
import { StaleNotice } from "@/components/inbox/stale-notice";
import { useStaleGate } from "@/components/inbox/use-stale-gate";
import { KeyboardShortcuts } from "@/components/keyboard/keyboard-shortcuts";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { useLiveUpdates } from "@/components/realtime/use-live-updates";
import type { ActionError } from "@/lib/http/action-result";
import { itemEvidenceQuery } from "@/lib/livekit/queries";
import { itemHistoryQuery, itemQuery } from "@/lib/review/queries";
import type { ItemDetail } from "@/lib/review/schemas";
import { reviewTitleText } from "@/lib/title-text";
import { ClaimNotice } from "./claim-notice";
import { ReviewSkeleton } from "./review-skeleton";
import { approveBlocked, DecisionPanel, type ApproveBlocks } from "./decision-panel";
import { DecisionNotice } from "./decision-notice";
import { DraftPanel } from "./draft-panel";
import { EditForm } from "./edit-form";
import { EvidencePanel } from "./evidence-panel";
import { HistoryPanel } from "./history-panel";
import { PanelBoundary } from "./panel-boundary";
import { RevisionsPanel } from "./revisions-panel";
import { SessionPanel } from "./session-panel";
import { StateBadge } from "./state-badge";
import { ExportEvidenceLink } from "./export-evidence-link";
import { SlaCountdown } from "@/components/queue/sla-countdown";
import { useClaim } from "./use-claim";
import { useEditDraft } from "./use-edit-draft";
import { useRecipientGate } from "./use-recipient-gate";
import { useDecide, type Decision } from "./use-review-actions";
import { undoShortcut, useUndo } from "./use-undo";

/** A promise from the server, read without suspending: the page shows before it resolves. */
function useResolved<T>(promise: Promise<T> | undefined): T | undefined {
  const [value, setValue] = useState<{ from: Promise<T>; value: T } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    // A promise from the server arrives as a bare thenable: wrap it to chain on it.
    if (promise)
      Promise.resolve(promise)
        .then((v) => live && setValue({ from: promise, value: v }))
        .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [promise]);
  return value && value.from === promise ? value.value : undefined;
}

const EMAIL_PATH = /^\/emails\/([0-9a-f-]{36})$/i;

export function ReviewView({
  id: routeId,
  canDecide,
  singleKeys,
  undoSeconds,
}: {
  id: string;
  canDecide: boolean;
  /** Single-key shortcuts on (the reviewer's own setting). */
  singleKeys: Promise<boolean> | boolean;
  /** The undo grace period: while it is on, a reject reason's digit sends at once. */
  undoSeconds: Promise<number> | number;
}) {
  // The email on screen is the address's, as the router knows it: the route's, or one the page
  // moved to in place (the router follows history.pushState, back and forward included). A move in
  // place shows at once, before the router catches up (in a transition, which would keep showing the
  // previous email under the next one's address): `moved` holds it until the router's path changes.
  const routerPath = usePathname();
  const [moved, setMoved] = useState<{ id: string; from: string } | null>(null);
  // Once the router has caught up, its path rules again (a later navigation back to `from` included).
  if (moved && moved.from !== routerPath) setMoved(null);
  const id = moved && moved.from === routerPath ? moved.id : (EMAIL_PATH.exec(routerPath)?.[1] ?? routeId);
  const moveInPlace = (target: string) => {
    setMoved({ id: target, from: routerPath });
    window.history.pushState(null, "", `/emails/${target}`);
  };
  // Back and forward between emails moved to in place: the address names the email (the router's
  // own path does not always follow such an entry), until the router's path changes again.
  const routerPathNow = useRef(routerPath);
  useEffect(() => {
    routerPathNow.current = routerPath;
  }, [routerPath]);
  useEffect(() => {
    const onPopState = () => {
      const target = EMAIL_PATH.exec(window.location.pathname)?.[1];
      if (target) setMoved({ id: target, from: routerPathNow.current });
    };
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);
  // Read once for every email the page moves through (null until the server's answer arrives).
  const resolvedKeys = useResolved(typeof singleKeys === "boolean" ? undefined : singleKeys);
  const resolvedUndo = useResolved(typeof undoSeconds === "number" ? undefined : undoSeconds);
  const settings = {
    canDecide,
    singleKeys: typeof singleKeys === "boolean" ? singleKeys : (resolvedKeys ?? null),
    undoSeconds: typeof undoSeconds === "number" ? undoSeconds : (resolvedUndo ?? null),
  };
  return id === routeId ? <RouteReview id={id} {...settings} moveInPlace={moveInPlace} /> : <MovedReview id={id} {...settings} moveInPlace={moveInPlace} />;
}

type ReviewSettings = Omit<Parameters<typeof Review>[0], "detail">;

/** The route's email: suspends until the server's read arrives (it streams in with the page). */
function RouteReview({ id, ...settings }: { id: string } & ReviewSettings) {
  const { data } = useSuspenseQuery(itemQuery(id));
  if (!data) notFound();
  return <Review key={id} detail={data} {...settings} />;
}

/**
 * An email moved to in place: shown from the cache at once, or as a skeleton while its read is still
 * on its way. Not suspending keeps the previous email from lingering hidden (with its shortcuts
 * listening) while this one loads.
 */
function MovedReview({ id, ...settings }: { id: string } & ReviewSettings) {
  const { data, error } = useQuery(itemQuery(id));
  if (error) throw error;
  if (data === undefined) return <ReviewSkeleton />;
  if (!data) notFound();
  return <Review key={id} detail={data} {...settings} />;
}

function Review({
  detail,
  canDecide,
  singleKeys,
  undoSeconds,
  moveInPlace,
}: {
  detail: ItemDetail;
  canDecide: boolean;
  singleKeys: boolean | null;
  undoSeconds: number | null;
  /** Shows another email on this page (its data is in the cache or on its way). */
  moveInPlace: (itemId: string) => void;
}) {
  useLiveUpdates();
  const id = detail.item.id;
  const router = useRouter();
  const queryClient = useQueryClient();
  const [remote, setRemote] = useState(false);
  const remoteQuery = useQuery({ ...itemQuery(id, true), enabled: remote });
  const data = detail;
  const email = remote && remoteQuery.data ? remoteQuery.data.email : data.email;
  const decide = useDecide();
  const undo = useUndo();
  const gate = useRecipientGate(id, data.item.currentEmailId);
  const staleGate = useStaleGate(data.item.inbox?.stale, data.item.currentEmailId);
  const [mode, setMode] = useState<"view" | "reject" | "edit">("view");
  const draft = useEditDraft(data.email);
  // The recipients the server asked to confirm when it refused to save an edit (gates.ts).
  const [recipientAskedFor, setRecipientAskedFor] = useState<string | null>(null);
  // Why `a` did not approve and where it took the keyboard (a gate's checkbox).
  const [gateHint, setGateHint] = useState<{ gate: "recipient" | "stale" | "other"; text: string } | null>(null);

  const { item } = data;
  const open = item.state === "pending";
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
  const nextId = data.nextItemId;
  const previousId = data.previousItemId;

  // While this email is read, the next one (and the one before, for `k`) loads: deciding shows it at once.
  useEffect(() => {
    for (const other of [nextId, previousId]) {
      if (!other) continue;
      void queryClient.prefetchQuery(itemQuery(other));
      void queryClient.prefetchQuery(itemEvidenceQuery(other));
      void queryClient.prefetchQuery(itemHistoryQuery(other));
    }
  }, [nextId, previousId, queryClient]);

  // The tab names the email on screen (the route's metadata named the first one).
  const subject = data.email.subject;
  useEffect(() => {
    document.title = `${reviewTitleText(subject)} · Countersign`;
  }, [subject]);

  /**
   * Opens another email of the queue in place when its data is in the cache or on its way (the
   * prefetch above), through the router otherwise. `decided`: this email was just decided, so it
   * is no longer the next one's previous email: `k` there goes to the one before this.
   */
  const openEmail = (target: string, decided = false) => {
    const key = itemQuery(target).queryKey;
    if (decided) queryClient.setQueryData(key, (next) => (next ? { ...next, previousItemId: previousId } : next));
    const state = queryClient.getQueryState(key);
    if (state && state.status !== "error") moveInPlace(target);
    else router.push(`/emails/${target}`);
  };

  // A gate's hint holds until the gate is answered.
  const hint = gateHint && ((gateHint.gate === "recipient" && !gate.blocked) || (gateHint.gate === "stale" && !staleGate.blocked)) ? null : gateHint;

  const label = { subject: data.email.subject, recipient: data.email.to.join(", ") };

  /**
   * Sends the decision and moves on without waiting: the next email opens now, and the notice there
   * reports the outcome and offers Undo. On the queue's last email the page waits until the decision
   * is recorded (the queue it goes back to is read after it, so it never shows the email again), and
   * the queue's own notice takes over.
   */
  const send = (decision: Decision) => {
    setGateHint(null);
    if (nextId) {
      claim.keepOnLeave();
      decide.mutate({ ...decision, leftPage: true });
      setMode("view");
      openEmail(nextId, true);
      return;
    }
    decide.mutate(decision, {
      onSuccess: () => {
        setMode("view");
        router.push("/");
      },
    });
  };

  const discardEdit = () => {
    draft?.discard();
    setMode("view");
  };

  // The button and the `a` shortcut alike: never the unedited original while an edit is unsaved.
  const approve = () => {
    if (!pending || decide.isPending || approveBlocked(blocks)) return;
    send({ kind: "approve", itemId: item.id, emailId: item.currentEmailId, confirmRecipient: gate.confirmed, acknowledgeStale: staleGate.acknowledged, label });
  };

  /** `a`: approve, or take the keyboard to what stands in the way and say so. */
  const approveByKey = () => {
    if (!pending || decide.isPending) return;
    if (!approveBlocked(blocks)) return approve();
    const focus = (selector: string) => {
      const box = document.querySelector<HTMLInputElement>(selector);
      box?.focus();
      return Boolean(box);
    };
    if (blocks.stale && focus('section[aria-labelledby="stale-title"] input[type="checkbox"]'))
      setGateHint({ gate: "stale", text: "This draft is stale: read what is newer, press Space to tick that you have seen it, then a to approve." });
    else if (blocks.recipient === "confirm" && focus("#confirm-recipient"))
      setGateHint({ gate: "recipient", text: "The call does not confirm this recipient: press Space to confirm it, then a to approve." });
    else if (blocks.recipient === "checking") setGateHint({ gate: "other", text: "Still checking the recipient against the call: press a again in a moment." });
    else if (blocks.unsavedEdit) setGateHint({ gate: "other", text: "You have unsaved edits: save them with Ctrl/⌘ Enter in the edit form, or discard them first." });
    else if (blocks.heldBy) setGateHint({ gate: "other", text: `${blocks.heldBy} has this email now: take it back to decide.` });
  };

  const startReject = () => {
    if (pending) setMode("reject");
  };
  const startEdit = () => {
    if (pending) setMode("edit");
  };

  useShortcuts([
    { key: "a", label: "Approve (on a gated email: go to the checkbox; Space ticks it, a again approves)", group: "Decide", run: approveByKey, when: mode !== "reject" },
    { key: "r", label: "Reject: opens the reasons", group: "Decide", run: startReject, when: mode === "view" },
    { key: "1–9", label: "In the reject form: pick that reason; Enter sends", group: "Decide", run: () => false },
    { key: "e", label: "Edit the draft (the keyboard starts in the body)", group: "Decide", run: startEdit, when: mode === "view" },
    {
      key: "mod+Enter",
      label: "In the edit form: save edit and approve",
      group: "Decide",
      inInputs: true,
      run: () => {
        if (mode !== "edit") return false;
        document.querySelector<HTMLFormElement>("#edit-form")?.requestSubmit();
      },
    },
    undoShortcut(undo),
    { key: "j", label: "Next email in the queue", group: "Move", run: () => (nextId ? openEmail(nextId) : false) },
    { key: "k", label: "Previous email in the queue", group: "Move", run: () => (previousId ? openEmail(previousId) : false) },
    { key: "m", label: "Show the draft as markdown, or rendered", group: "Move", run: () => document.querySelector<HTMLButtonElement>('[data-shortcut="m"]')?.click() },
    {
      key: "Escape",
      label: "Close the reject or edit form; otherwise back to the queue",
      group: "Move",
      run: () => {
        if (mode === "view") router.push("/");
        else setMode("view");
      },
    },
  ]);

  const hintLine = hint ? (
    <p id="gate-hint" className="mt-2 rounded border border-warn/60 bg-warn/10 p-2 text-sm">
      {hint.text}
    </p>
  ) : null;

  // On a phone the decision bar stays at the bottom of the screen while the draft is read (not while a form is open).
  const dockDecision = canAct && mode === "view";
  return (
    <div className={`space-y-4 ${dockDecision ? "max-lg:pb-44" : ""}`}>
      <h1 className="sr-only">Review a held email</h1>
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/" className="text-sm text-muted hover:text-fg">
          ← Queue
        </Link>
        <StateBadge state={item.state} delivery={item.delivery} />
        {open ? <SlaCountdown dueAt={item.dueAt} slaMinutes={item.slaMinutes} /> : null}
        <HoldBadges inbox={item.inbox ? { writtenBy: item.inbox.writtenBy, stale: null } : undefined} />
        <span className="min-w-0 text-sm text-muted [overflow-wrap:anywhere]">{item.mailboxLabel}</span>
        <span className="ml-auto">
          <KeyboardShortcuts singleKeys={singleKeys} />
        </span>
      </div>

      <DecisionNotice onUndo={() => void undo()} />
      {/* Announces why `a` moved the keyboard (the hint itself shows beside the gate). */}
      <p aria-live="polite" className="sr-only">
        {hint?.text ?? ""}
      </p>
      {/* An approve or reject refused is reported by the decision notice above; an edit's refusal here, beside its form. */}
      {decide.error && decide.variables?.kind === "edit" ? (
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
          {hint && hint.gate !== "recipient" ? hintLine : null}
          {canAct ? <StaleNotice gate={staleGate} canAcknowledge={pending} /> : null}
          <PanelBoundary title="Evidence checks" describeError={(m) => `The checks could not load: ${m}. Check the recipient yourself.`}>
            <EvidencePanel itemId={item.id} gate={gate} canConfirm={pending} hint={hint?.gate === "recipient" ? hintLine : null} />
          </PanelBoundary>
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
                // An edit the server may refuse for its new recipients stays on this page until it is accepted.
                decide.mutate(
                  { kind: "edit", itemId: item.id, emailId: item.currentEmailId, ...edit, label: { subject: edit.subject, recipient: edit.to.join(", ") } },
                  {
                    onSuccess: () => {
                      setMode("view");
                      if (nextId) openEmail(nextId, true);
                      else router.push("/");
                    },
                    onError: (error) => {
                      if ((error as ActionError).details?.needsRecipientConfirmation) setRecipientAskedFor(draft.recipientsKey);
                    },
                  },
                )
              }
            />
          ) : (
            <DraftPanel email={email} heading="Draft" remoteLoaded={remote && Boolean(remoteQuery.data)} onLoadRemote={() => setRemote(true)} />
          )}
          <RevisionsPanel revisions={data.revisions} />
        </div>
        <aside className="space-y-4" aria-label="Decision and context">
          {canAct ? (
            <div
              className={
                dockDecision
                  ? "max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-30 max-lg:shadow-[0_-6px_16px_rgba(0,0,0,0.12)] max-lg:[&>section]:rounded-none max-lg:[&>section]:border-x-0 max-lg:[&>section]:border-b-0"
                  : undefined
              }
            >
              <DecisionPanel
                rejecting={mode === "reject"}
                rejectOnDigit={(undoSeconds ?? 0) > 0}
                busy={decide.isPending}
                blocks={blocks}
                onApprove={approve}
                onStartReject={startReject}
                onReject={(reason) => send({ kind: "reject", itemId: item.id, emailId: item.currentEmailId, reason, label })}
                onCancelReject={() => setMode("view")}
                onEdit={startEdit}
                onDiscard={discardEdit}
              />
            </div>
          ) : null}
          <ExportEvidenceLink itemId={item.id} />
          <PanelBoundary title="Voice session">
            <SessionPanel itemId={item.id} session={data.session} metadata={email.metadata} />
          </PanelBoundary>
          <PanelBoundary title="History">
            <HistoryPanel itemId={item.id} />
          </PanelBoundary>
        </aside>
      </div>
    </div>
  );
}
