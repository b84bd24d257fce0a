"use client";
// The bulk decision bar of the queue: what is selected (rows, or every held email the filter
// matches, resolved on the server and capped), approve or reject it with one reason, and the
// result email by email — what was decided and what was left out, with why.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { bulkDecideAction } from "@/lib/review/bulk-actions";
import { BULK_LIMIT, type BulkDecideResult, type BulkItemStatus } from "@/lib/review/bulk-result";
import { rejectPresets } from "@/lib/review/reject-presets";
import type { QueueFilters } from "@/lib/review/schemas";

/** The server's cap per bulk decision. */
export const BULK_CAP = BULK_LIMIT;

export type BulkTarget = { kind: "ids"; ids: string[]; seen: Record<string, string> } | { kind: "filter"; filters: QueueFilters; matching: number; countLimit: number };

const statusText: Record<BulkItemStatus, string> = {
  decided: "Decided",
  needs_confirmation: "Recipient to confirm",
  needs_acknowledgement: "Stale: acknowledge first",
  claimed: "Being reviewed",
  four_eyes: "Four-eyes",
  already_decided: "Already decided",
  changed: "Changed meanwhile",
  not_found: "Not found",
  failed: "Failed",
};

function targetCount(target: BulkTarget): string {
  if (target.kind === "ids") return String(target.ids.length);
  const n = target.matching > target.countLimit ? `${target.countLimit.toLocaleString("en-US")}+` : target.matching.toLocaleString("en-US");
  return target.matching > BULK_CAP ? `the first ${BULK_CAP} of ${n}` : `all ${n}`;
}

export function BulkBar({
  target,
  onSelectAllMatching,
  matchingLabel,
  onClear,
  onDone,
}: {
  target: BulkTarget;
  /** Offered when every row of the page is selected and the filter matches more. */
  onSelectAllMatching?: () => void;
  matchingLabel?: string;
  onClear: () => void;
  onDone: (result: BulkDecideResult) => void;
}) {
  const [mode, setMode] = useState<"idle" | "approve" | "reject">("idle");
  const [preset, setPreset] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason = [preset, note.trim()].filter(Boolean).join(": ");
  const count = targetCount(target);
  const emails = target.kind === "ids" && target.ids.length === 1 ? "email" : "emails";

  const submit = async (action: "approve" | "reject") => {
    setBusy(true);
    setError(null);
    try {
      const selection =
        target.kind === "ids"
          ? { ids: target.ids, seen: target.seen }
          : { filter: { mailbox: target.filters.mailbox, q: target.filters.q, findings: target.filters.findings, sort: target.filters.sort } };
      const result = await bulkDecideAction({ action, ...(action === "reject" ? { reason } : {}), selection });
      if ("error" in result) setError(result.error.message);
      else {
        setMode("idle");
        setPreset("");
        setNote("");
        onDone(result.data);
      }
    } catch {
      setError("Could not reach Countersign. Nothing was decided by this click; try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Bulk decision" className="space-y-3 rounded-md border border-accent/40 bg-panel p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <p className="font-medium" aria-live="polite">
          {target.kind === "ids" ? `${count} ${emails} selected` : `Selected: ${count} held emails matching this filter`}
        </p>
        {onSelectAllMatching ? (
          <Button size="sm" variant="ghost" className="text-accent underline" onClick={onSelectAllMatching}>
            {matchingLabel}
          </Button>
        ) : null}
        <div className="ml-auto flex flex-wrap gap-2">
          <Button size="sm" variant="approve" disabled={busy} onClick={() => setMode("approve")} aria-expanded={mode === "approve"}>
            Approve…
          </Button>
          <Button size="sm" variant="danger" disabled={busy} onClick={() => setMode("reject")} aria-expanded={mode === "reject"}>
            Reject…
          </Button>
          <Button size="sm" disabled={busy} onClick={onClear}>
            Clear selection
          </Button>
        </div>
      </div>
      {target.kind === "filter" ? (
        <p className="text-xs text-muted">
          The filter is resolved when you decide: the held emails it matches then, in the queue’s order, at most {BULK_CAP} per bulk decision.
        </p>
      ) : null}

      {mode === "approve" ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-line pt-3">
          <p className="flex-1 basis-64">
            Approve {count} {emails}? Each one passes the same checks as on its own page: emails with a recipient to confirm, a stale draft, someone else reviewing them
            or four-eyes are left out and listed.
          </p>
          <Button size="sm" variant="approve" disabled={busy} onClick={() => void submit("approve")}>
            {busy ? "Approving…" : `Yes, approve ${target.kind === "ids" ? target.ids.length : ""}`.trim()}
          </Button>
          <Button size="sm" disabled={busy} onClick={() => setMode("idle")}>
            Cancel
          </Button>
        </div>
      ) : null}

      {mode === "reject" ? (
        <form
          aria-label="Bulk reject"
          className="space-y-2 border-t border-line pt-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason && !busy) void submit("reject");
          }}
        >
          <label className="flex flex-wrap items-center gap-2">
            <span>Reason for all {count}</span>
            <select className="max-w-full rounded-md border border-line bg-bg px-2 py-1.5" value={preset} onChange={(e) => setPreset(e.target.value)}>
              <option value="">Choose a reason…</option>
              {rejectPresets.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-wrap items-center gap-2">
            <span>{preset ? "Add a note (optional)" : "Or in your words"}</span>
            <input
              type="text"
              value={note}
              maxLength={900}
              onChange={(e) => setNote(e.target.value)}
              className="min-w-0 flex-1 basis-48 rounded-md border border-line bg-bg px-2 py-1.5"
            />
          </label>
          <div className="flex gap-2">
            <Button type="submit" size="sm" variant="danger" disabled={busy || !reason}>
              {busy ? "Rejecting…" : `Reject ${target.kind === "ids" ? target.ids.length : "all"}`}
            </Button>
            <Button size="sm" disabled={busy} onClick={() => setMode("idle")}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}

      {error ? (
        <p role="alert" className="text-bad">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** The result of a bulk decision, email by email; what was left out first, each with why and a link. */
export function BulkResultPanel({ result, onDismiss }: { result: BulkDecideResult; onDismiss: () => void }) {
  const leftOut = result.results.filter((r) => r.status !== "decided");
  const verb = result.action === "approve" ? "Approved" : "Rejected";
  return (
    <section
      role="status"
      aria-label="Bulk decision result"
      className={`space-y-2 rounded-md border bg-panel p-3 text-sm ${leftOut.length ? "border-warn/50" : "border-ok/40"}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <p className="font-medium">
          {verb} {result.decided} of {result.requested}.{leftOut.length ? ` ${leftOut.length} left out:` : " Sending to MultiMail."}
          {result.capped ? ` The filter matched more than ${BULK_CAP}: the rest were not touched.` : ""}
        </p>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      {leftOut.length ? (
        <ul className="divide-y divide-line rounded border border-line" aria-label="Left out">
          {leftOut.map((r) => (
            <li key={r.itemId} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
              <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full border border-warn/50 px-2 py-0.5 text-xs font-medium text-warn">
                <span aria-hidden>⚠</span>
                {statusText[r.status]}
              </span>
              {r.status === "not_found" ? (
                <span className="font-medium">{r.subject || "(unknown email)"}</span>
              ) : (
                <Link href={`/emails/${r.itemId}`} className="font-medium text-accent underline">
                  {r.subject || "(no subject)"}
                </Link>
              )}
              <span className="basis-full text-muted">{r.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
