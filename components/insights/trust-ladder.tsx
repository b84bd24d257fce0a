// The trust-ladder suggestion of each mailbox, the numbers it rests on, and how to act on it in
// MultiMail (multimail-api.md §2.1). Countersign does not call these endpoints: an operator does.
import type { TrustSuggestion } from "@/lib/insights/schemas";
import { Badge } from "@/components/ui/badge";

const tone = { upgrade: "ok", stay: "warn", downgrade: "bad", keep: "neutral" } as const;
const kindLabel = { upgrade: "Suggest upgrade", stay: "Stay", downgrade: "Suggest downgrade", keep: "Keep reviewing" } as const;

function Code({ children }: { children: string }) {
  return <code className="rounded bg-bg px-1 py-0.5 font-mono text-xs break-all">{children}</code>;
}

function UpgradeSteps({ s }: { s: TrustSuggestion }) {
  return (
    <ol className="list-decimal space-y-1.5 pl-5 text-sm">
      <li>
        With a MultiMail key allowed to manage the mailbox (admin scope), request the upgrade: <Code>{`POST /v1/mailboxes/${s.mailboxId}/request-upgrade`}</Code> with{" "}
        <Code>{`{"target_mode": "${s.targetMode}"}`}</Code>. MultiMail answers <Code>{`{"status": "upgrade_requested"}`}</Code> (at most 3 requests an hour per mailbox).
      </li>
      <li>MultiMail emails the operator a single-use code (such as A7X-29K), valid for 24 hours.</li>
      <li>
        Apply it: <Code>{`POST /v1/mailboxes/${s.mailboxId}/upgrade`}</Code> with <Code>{`{"code": "<the code>"}`}</Code> → <Code>{`{"status": "upgraded"}`}</Code>. A 403
        means a wrong code; a 404 means no request is pending (request again).
      </li>
      <li>
        From then on MultiMail sends this mailbox&apos;s email without holding it
        {s.targetMode === "monitored" ? " (a copy goes to the oversight address)" : ""}, so its drafts no longer come to this queue.
      </li>
    </ol>
  );
}

export function TrustLadder({
  suggestions,
  window,
  cautionShare,
  cautionMin,
}: {
  suggestions: TrustSuggestion[];
  window: number;
  cautionShare: number;
  cautionMin: number;
}) {
  return (
    <section aria-labelledby="ladder-title" className="space-y-3">
      <div>
        <h2 id="ladder-title" className="text-base font-semibold">
          Trust ladder
        </h2>
        <p className="text-sm text-muted">
          {`From each mailbox's last ${window} decisions in Countersign, whatever the period above. An upgrade is suggested after ${window} approvals in a row without an edit and with no finding ignored (an approval over a failing evidence check); staying, or going back to gated_send, when edits and rejections pass ${Math.round(cautionShare * 100)}% of at least ${cautionMin} decisions.`}
        </p>
      </div>
      {suggestions.length === 0 ? <p className="text-sm text-muted">No mailboxes yet.</p> : null}
      <ul className="grid gap-3 lg:grid-cols-2">
        {suggestions.map((s) => (
          <li key={s.mailboxId} className="space-y-2 rounded-md border border-line bg-panel p-4" aria-labelledby={`ladder-${s.mailboxId}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id={`ladder-${s.mailboxId}`} className="font-medium break-all">
                {s.label}
              </h3>
              <span className="flex gap-2">
                <Badge>{s.mode ?? "mode unknown"}</Badge>
                <Badge tone={tone[s.kind]}>{kindLabel[s.kind]}</Badge>
              </span>
            </div>
            <p className="text-sm font-medium">{s.headline}</p>
            <p className="text-sm text-muted">{s.basis}.</p>
            {s.kind === "upgrade" ? <UpgradeSteps s={s} /> : null}
            {s.kind === "downgrade" ? (
              <p className="text-sm">
                Downgrades need no code: with an admin key, <Code>{`PATCH /v1/mailboxes/${s.mailboxId}`}</Code> with <Code>{`{"oversight_mode": "gated_send"}`}</Code> →{" "}
                <Code>{`{"status": "updated"}`}</Code>. Every draft is held for review again.
              </p>
            ) : null}
            {s.kind === "stay" ? <p className="text-sm">Do not request an upgrade yet: the top rejection reasons above say what the agent gets wrong.</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
