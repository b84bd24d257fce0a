"use client";
// The edit form of the review page. Its content lives in the page (use-edit-draft.ts); saving runs
// the same gates as Approve, so a stale draft and an unconfirmed recipient are asked about here too.
import { useEffect, useRef, useState } from "react";
import type { StaleGate } from "@/components/inbox/use-stale-gate";
import { KeyHint } from "@/components/keyboard/key-hint";
import { Button } from "@/components/ui/button";
import type { EditDraft, EditedContent } from "./use-edit-draft";
import type { RecipientGate } from "./use-recipient-gate";

export interface EditGates {
  stale: StaleGate;
  /** The page's recipient gate: it speaks for the edit while the recipients are unchanged. */
  recipient: RecipientGate;
  /** The recipients (use-edit-draft's key) the server asked to confirm when it refused a save. */
  recipientAskedFor: string | null;
  /** Why nothing can be saved right now (someone else took the email over), if so. */
  blockedReason: string | null;
}

export type EditSubmission = EditedContent & { confirmRecipient: boolean; acknowledgeStale: boolean };

const input = "mt-1 w-full rounded-md border border-line bg-bg p-2";

export function EditForm({
  draft,
  gates,
  busy,
  onSubmit,
  onCancel,
}: {
  draft: EditDraft;
  gates: EditGates;
  busy: boolean;
  onSubmit: (edit: EditSubmission) => void;
  onCancel: () => void;
}) {
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  // Opened to change the words: the keyboard starts in the body (Ctrl/Cmd+Enter saves, review-view.tsx).
  useEffect(() => body.current?.focus(), []);
  const { fields, setField } = draft;
  const { stale, recipient } = gates;
  // Unchanged recipients are the page's gate; new ones are checked by the server, which says when they need confirming.
  const shared = !draft.recipientsChanged && recipient.needsConfirmation;
  const needsRecipient = shared || gates.recipientAskedFor === draft.recipientsKey;
  const recipientConfirmed = shared ? recipient.confirmed : confirmedFor === draft.recipientsKey;
  const setRecipientConfirmed = (value: boolean) => (shared ? recipient.setConfirmed(value) : setConfirmedFor(value ? draft.recipientsKey : null));
  const recipientBlocked = (!draft.recipientsChanged && recipient.blocked) || (needsRecipient && !recipientConfirmed);
  const replied = stale.stale?.newer.some((n) => n.kind === "reply") ?? false;

  const reasons = [
    gates.blockedReason ? { id: "edit-blocked-claim", text: gates.blockedReason } : null,
    stale.blocked ? { id: "edit-blocked-stale", text: `This draft is stale: tick that you have seen the newer ${replied ? "message" : "call"} to save.` } : null,
    recipientBlocked
      ? { id: "edit-blocked-recipient", text: needsRecipient ? "Confirm the recipients of your edit to save." : "Waiting for the recipient check…" }
      : null,
  ].filter((r) => r !== null);

  return (
    <form
      id="edit-form"
      aria-labelledby="edit-title"
      className="space-y-3 rounded-md border border-line bg-panel p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (reasons.length > 0 || busy) return;
        onSubmit({ ...draft.content, confirmRecipient: needsRecipient && recipientConfirmed, acknowledgeStale: stale.acknowledged });
      }}
    >
      <h2 id="edit-title" className="font-semibold">
        Edit the draft
      </h2>
      <p className="text-sm text-muted">
        MultiMail cannot change a held email. Countersign keeps the original, rejects it naming your edit, re-sends your version and approves it once MultiMail holds it
        with exactly this content.
      </p>
      <label className="block text-sm">
        <span className="font-medium">To</span>
        <input value={fields.to} onChange={(e) => setField("to", e.target.value)} className={input} required />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Cc</span>
        <input value={fields.cc} onChange={(e) => setField("cc", e.target.value)} className={input} />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Subject</span>
        <input value={fields.subject} onChange={(e) => setField("subject", e.target.value)} className={input} required />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Body (markdown)</span>
        <textarea ref={body} value={fields.markdown} onChange={(e) => setField("markdown", e.target.value)} rows={14} className={`${input} font-mono text-sm`} required />
      </label>

      {stale.stale || needsRecipient ? (
        <fieldset className="space-y-2 rounded-md border border-warn/60 bg-warn/10 p-3 text-sm">
          <legend className="px-1 font-semibold">Before your edit is sent</legend>
          {stale.stale ? (
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                className="mt-0.5 h-4 w-4 shrink-0 accent-[var(--accent)]"
                checked={stale.acknowledged}
                onChange={(e) => stale.setAcknowledged(e.target.checked)}
              />
              <span>I have seen the newer {replied ? "message" : "call"} and my edited version is right to send</span>
            </label>
          ) : null}
          {needsRecipient ? (
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                className="mt-0.5 h-4 w-4 shrink-0 accent-[var(--bad)]"
                checked={recipientConfirmed}
                onChange={(e) => setRecipientConfirmed(e.target.checked)}
              />
              <span>
                I have checked the recipients of my edit: send it to{" "}
                <span className="font-medium [overflow-wrap:anywhere]">{[...draft.content.to, ...draft.content.cc].join(", ")}</span> even though the call does not
                confirm {draft.content.to.length + draft.content.cc.length === 1 ? "this address" : "these addresses"}
              </span>
            </label>
          ) : null}
        </fieldset>
      ) : null}

      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="approve" disabled={busy || reasons.length > 0} aria-describedby={reasons.map((r) => r.id).join(" ") || undefined}>
          Save edit and approve <KeyHint always>Ctrl/⌘ Enter</KeyHint>
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {draft.dirty ? "Discard edits" : "Close"}
        </Button>
      </div>
      {reasons.map((r) => (
        <p key={r.id} id={r.id} className="text-xs text-bad">
          {r.text}
        </p>
      ))}
    </form>
  );
}
