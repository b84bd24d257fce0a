"use client";
// Evidence checks, shown before the draft: the agent's own doubt, whether the recipient is the
// caller (with the confirmation the gate needs), then every specific in the draft checked against
// the call, each supported one linking to the turn that says it.
import { useSuspenseQuery } from "@tanstack/react-query";
import { showTurn } from "@/components/session/show-turn";
import { Badge } from "@/components/ui/badge";
import type { Finding } from "@/lib/evidence/schemas";
import { explainNoSession, summarizeEvidence, verdictOf } from "@/lib/evidence/summarize-evidence";
import { itemEvidenceQuery } from "@/lib/livekit/queries";
import type { TurnAnchor } from "@/lib/livekit/schemas";
import type { RecipientGate } from "./use-recipient-gate";

const statusLabels: Record<Finding["status"], { text: string; tone: "ok" | "bad" | "warn" | "neutral" | "info" }> = {
  supported: { text: "Said on the call", tone: "ok" },
  unsupported: { text: "Not said on the call", tone: "bad" },
  mismatch: { text: "Mismatch", tone: "bad" },
  unknown: { text: "Not checked", tone: "neutral" },
  info: { text: "Note", tone: "info" },
};

const kindLabels: Record<Finding["kind"], string> = {
  recipient: "Recipient",
  date: "Date",
  time: "Time",
  weekday: "Day",
  money: "Amount",
  phone: "Phone number",
  email: "Email address",
  url: "Link",
  reference: "Reference",
  agent_note: "Agent's note",
};

const order: Record<Finding["status"], number> = { unsupported: 0, mismatch: 0, unknown: 1, supported: 2, info: 3 };

function TurnLinks({ finding, anchors }: { finding: Finding; anchors: Record<string, TurnAnchor> }) {
  const seen = new Set<string>();
  const targets = finding.turnIds.flatMap((id) => {
    const anchor = anchors[id];
    if (!anchor || seen.has(anchor.anchorId)) return [];
    seen.add(anchor.anchorId);
    return [anchor];
  });
  if (targets.length === 0) return null;
  return (
    <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs">
      {targets.slice(0, 3).map((t) => (
        <a
          key={t.anchorId}
          href={`#${t.anchorId}`}
          onClick={() => showTurn(t.anchorId)}
          className="text-accent underline"
          aria-label={`Show where “${finding.text}” was said: ${t.speaker}${t.at ? ` at ${t.at}` : ""}`}
        >
          Show in transcript{t.at ? ` (${t.at})` : ""}
        </a>
      ))}
    </p>
  );
}

/** A recipient nobody could check is one of the summary's problems: it waits for the reviewer. */
const toConfirm = { text: "To confirm", tone: "bad" } as const;

function FindingRow({ finding, anchors }: { finding: Finding; anchors: Record<string, TurnAnchor> }) {
  const status = finding.status === "unknown" && verdictOf(finding) === "problem" ? toConfirm : statusLabels[finding.status];
  return (
    <li className="py-2" data-finding={finding.id} data-status={finding.status}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {finding.kind !== "recipient" ? <span className="text-xs text-muted">{kindLabels[finding.kind]}</span> : null}
        <span className="font-medium [overflow-wrap:anywhere]">{finding.text}</span>
        <Badge tone={status.tone}>{status.text}</Badge>
      </div>
      <p className="text-xs text-muted">{finding.message}</p>
      {finding.status === "supported" ? <TurnLinks finding={finding} anchors={anchors} /> : null}
    </li>
  );
}

/** Suspends until the checks arrive (PanelBoundary shows their place and any error meanwhile). */
export function EvidencePanel({ itemId, gate, canConfirm, hint }: { itemId: string; gate: RecipientGate; canConfirm: boolean; hint?: React.ReactNode }) {
  const { data } = useSuspenseQuery({ ...itemEvidenceQuery(itemId), select: explainNoSession });
  const anchors = data?.session?.transcript.anchors ?? {};
  const findings = data?.report.findings ?? [];
  const notes = findings.filter((f) => f.kind === "agent_note");
  const recipients = findings.filter((f) => f.kind === "recipient");
  const specifics = findings.filter((f) => f.kind !== "agent_note" && f.kind !== "recipient").sort((a, b) => order[a.status] - order[b.status]);
  const summary = data ? summarizeEvidence(data.report) : null;

  return (
    <section aria-labelledby="evidence-title" className="rounded-md border border-line bg-panel p-4 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="evidence-title" className="font-semibold">
          Evidence checks
        </h2>
        {summary ? <p className="text-xs text-muted">{summary.label}</p> : null}
      </div>

      {notes.map((n) => (
        <p key={n.id} className="mt-3 rounded border border-warn/40 bg-warn/10 p-2">
          <span className="font-medium">Agent&apos;s note: </span>
          {n.message.replace(/^Agent note: /, "")}
        </p>
      ))}

      {recipients.length > 0 || gate.needsConfirmation ? (
        <div className="mt-3">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">Recipient</h3>
          <ul className="divide-y divide-line">
            {recipients.map((f) => (
              <FindingRow key={f.id} finding={f} anchors={anchors} />
            ))}
          </ul>
          {gate.needsConfirmation && canConfirm ? (
            <label className="mt-1 flex items-start gap-2 rounded border border-bad/40 bg-bad/5 p-2">
              <input
                type="checkbox"
                id="confirm-recipient"
                className="mt-0.5 h-4 w-4 accent-[var(--bad)]"
                checked={gate.confirmed}
                onChange={(e) => gate.setConfirmed(e.target.checked)}
              />
              <span>
                I have checked the recipient: send to{" "}
                <span className="font-medium [overflow-wrap:anywhere]">{recipients.map((r) => r.text).join(", ") || "these addresses"}</span> even though it is not
                confirmed as the caller&apos;s address.
              </span>
            </label>
          ) : null}
          {hint}
        </div>
      ) : null}

      {data ? (
        <div className="mt-3">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">Specifics in the draft</h3>
          {!data.report.transcriptAvailable && specifics.length > 0 ? (
            <p className="mt-1 text-xs text-muted">
              {data.transcriptState === "missing"
                ? "The transcript never arrived"
                : data.transcriptState === "none"
                  ? "This email has no voice session"
                  : "The transcript has not arrived yet"}
              , so these cannot be checked against the call.
            </p>
          ) : null}
          {specifics.length === 0 ? (
            <p className="mt-1 text-xs text-muted">No dates, times, amounts, phone numbers, addresses, links or references in the draft.</p>
          ) : (
            <ul className="divide-y divide-line" aria-label="Specifics">
              {specifics.map((f) => (
                <FindingRow key={f.id} finding={f} anchors={anchors} />
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}
