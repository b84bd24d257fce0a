// The most common rejection reasons, with counts in text and a bar each for the eye.
import type { ReasonCount } from "@/lib/insights/schemas";
import { percent } from "./format";

export function ReasonsList({ reasons, rejected }: { reasons: ReasonCount[]; rejected: number }) {
  const most = Math.max(1, ...reasons.map((r) => r.count));
  return (
    <section aria-labelledby="reasons-title" className="space-y-3 rounded-md border border-line bg-panel p-4">
      <h2 id="reasons-title" className="text-base font-semibold">
        Top rejection reasons
      </h2>
      {reasons.length === 0 ? (
        <p className="text-sm text-muted">No rejections in this period.</p>
      ) : (
        <ol className="space-y-2 text-sm">
          {reasons.map((r) => (
            <li key={r.reason} className="space-y-1">
              <div className="flex items-baseline justify-between gap-3">
                <span className="break-words">{r.reason}</span>
                <span className="shrink-0 tabular-nums text-muted">{`${r.count} (${percent(r.count, rejected)} of rejections)`}</span>
              </div>
              <div className="h-1.5 rounded-full bg-bg" aria-hidden="true">
                <div className="h-1.5 rounded-full bg-bad" style={{ width: `${(r.count / most) * 100}%` }} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
