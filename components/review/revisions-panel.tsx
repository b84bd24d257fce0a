import type { ItemDetail } from "@/lib/review/schemas";

const stateText: Record<string, string> = {
  waiting_reject: "waiting for MultiMail to reject the original",
  sending: "re-sending through MultiMail",
  sent: "re-sent; waiting for MultiMail to hold it",
  matched: "re-sent and approved",
  mismatched: "re-sent email differs: review it again",
  abandoned: "abandoned: the original was decided elsewhere",
  failed: "re-send failed",
};

export function RevisionsPanel({ revisions }: { revisions: ItemDetail["revisions"] }) {
  if (revisions.length === 0) return null;
  return (
    <section aria-labelledby="revisions-title" className="rounded-md border border-line bg-panel p-4">
      <h2 id="revisions-title" className="mb-2 text-sm font-semibold">
        Edits
      </h2>
      {revisions.map((r) => (
        <div key={r.id} className="space-y-2 text-sm">
          <p>
            Revision {r.number} by {r.author} · <span className="text-muted">{stateText[r.resendState] ?? r.resendState}</span>
            {r.lastError ? <span className="block text-bad">{r.lastError}</span> : null}
          </p>
          {r.diff.map((d) => (
            <div key={d.field}>
              <p className="text-xs font-medium text-muted">{d.field}</p>
              <p className="whitespace-pre-wrap break-words rounded bg-bg p-2 font-mono text-xs" aria-label={`${d.field} changes`}>
                {d.parts.map((p, i) =>
                  p.added ? (
                    <ins key={i} className="bg-ok/15 text-ok no-underline">
                      {p.value}
                    </ins>
                  ) : p.removed ? (
                    <del key={i} className="bg-bad/15 text-bad">
                      {p.value}
                    </del>
                  ) : (
                    <span key={i}>{p.value}</span>
                  ),
                )}
              </p>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
