// Settings › Needs attention (admins): webhook deliveries acknowledged but not applied yet, decisions
// MultiMail refused, and emails back with reviewers with a reason. Rendered on the server, read-only.
import Link from "next/link";
import type { AttentionItemRow, AttentionList, RefusedDecisionRow, WebhookBacklogRow } from "@/lib/review/schemas";

export interface AttentionPanelProps {
  webhooks: AttentionList<WebhookBacklogRow>;
  refused: AttentionList<RefusedDecisionRow>;
  items: AttentionList<AttentionItemRow>;
}

/** The Activity page's format: UTC, to the second. */
function At({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {iso.replace("T", " ").slice(0, 19)} UTC
    </time>
  );
}

const stateNow: Record<string, string> = {
  pending: "back with reviewers",
  edited: "edited since",
  approved: "approved since",
  rejected: "rejected since",
  decided_elsewhere: "decided outside Countersign since",
};

function Group({ id, title, count, more, empty, children }: { id: string; title: string; count: number; more: string | null; empty: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <h3 id={id} className="text-xs font-semibold uppercase tracking-wide text-muted">
        {title} ({more ? `${count}+` : count})
      </h3>
      {count === 0 ? (
        <p className="mt-1 text-muted">{empty}</p>
      ) : (
        <ul aria-labelledby={id} className="mt-1 divide-y divide-line">
          {children}
        </ul>
      )}
      {more ? <p className="mt-1 text-xs text-muted">{more}</p> : null}
    </div>
  );
}

export function AttentionPanel({ webhooks, refused, items }: AttentionPanelProps) {
  const total = webhooks.rows.length + refused.rows.length + items.rows.length;
  return (
    <section aria-labelledby="attention-title" className="rounded-md border border-line bg-panel p-4 text-sm lg:col-span-2">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="attention-title" className="font-semibold">
          Needs attention
        </h2>
        <p className="text-xs text-muted">
          {total === 0
            ? "Nothing needs attention."
            : "Work Countersign could not finish on its own. Deliveries and decisions are retried; these are the ones still open."}
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Group
          id="attention-webhooks"
          title="Webhook deliveries not applied yet"
          count={webhooks.rows.length}
          more={webhooks.nextCursor ? `The ${webhooks.rows.length} due soonest are shown.` : null}
          empty="Every webhook delivery has been applied."
        >
          {webhooks.rows.map((w) => (
            <li key={w.id} className="py-2">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <code className="font-mono text-xs">{w.eventType}</code>
                <span className="text-muted">email</span>
                {w.itemId ? (
                  <Link href={`/emails/${w.itemId}`} className="font-mono text-xs text-accent underline [overflow-wrap:anywhere]">
                    {w.emailId}
                  </Link>
                ) : (
                  <code className="font-mono text-xs [overflow-wrap:anywhere]">{w.emailId ?? "—"}</code>
                )}
              </p>
              <p className="text-xs text-muted">
                {w.attempts} attempt{w.attempts === 1 ? "" : "s"} · received <At iso={w.receivedAt} /> · next attempt <At iso={w.nextAttemptAt} />
              </p>
              {w.lastError ? <p className="text-xs text-bad [overflow-wrap:anywhere]">Last error: {w.lastError}</p> : null}
            </li>
          ))}
        </Group>

        <Group
          id="attention-refused"
          title="Decisions MultiMail refused"
          count={refused.rows.length}
          more={refused.nextCursor ? `The ${refused.rows.length} newest are shown.` : null}
          empty="MultiMail has refused no decision."
        >
          {refused.rows.map((d) => (
            <li key={d.id} className="py-2">
              <Link href={`/emails/${d.itemId}`} className="font-medium text-accent underline [overflow-wrap:anywhere]">
                {d.subject || "(no subject)"}
              </Link>
              <p className="text-xs text-muted">
                {d.action === "approve" ? "Approval" : "Rejection"} by {d.actor} · <At iso={d.decidedAt} /> · {d.attempts} attempt{d.attempts === 1 ? "" : "s"} ·{" "}
                {stateNow[d.itemState] ?? d.itemState}
              </p>
              {d.lastError ? <p className="text-xs text-bad [overflow-wrap:anywhere]">MultiMail said: {d.lastError}</p> : null}
            </li>
          ))}
        </Group>

        <Group
          id="attention-items"
          title="Emails back with reviewers"
          count={items.rows.length}
          more={items.nextCursor ? `The ${items.rows.length} held longest are shown.` : null}
          empty="No email is waiting with a problem."
        >
          {items.rows.map((i) => (
            <li key={i.id} className="py-2">
              <Link href={`/emails/${i.id}`} className="font-medium text-accent underline [overflow-wrap:anywhere]">
                {i.subject || "(no subject)"}
              </Link>
              <p className="text-xs [overflow-wrap:anywhere]">{i.attention}</p>
              <p className="text-xs text-muted">
                Held <At iso={i.heldAt} /> · last change <At iso={i.updatedAt} />
              </p>
            </li>
          ))}
        </Group>
      </div>
    </section>
  );
}
