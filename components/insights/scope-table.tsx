// The numbers per mailbox or per agent: a row per scope, every figure in text, with a 100 % outcome
// bar per row for the eye. A scope's name links to the page filtered to it.
import Link from "next/link";
import type { ScopeRow } from "@/lib/insights/schemas";
import { OutcomeLegend } from "./chart-patterns";
import { decimal, duration, percent } from "./format";
import { OutcomeBar } from "./outcome-bar";

export function ScopeTable({
  id,
  title,
  scopeLabel,
  rows,
  hrefOf,
}: {
  id: string;
  title: string;
  scopeLabel: string;
  rows: ScopeRow[];
  hrefOf: (row: ScopeRow) => string;
}) {
  const th = "px-3 py-2 font-medium whitespace-nowrap";
  const td = "px-3 py-2 text-right tabular-nums whitespace-nowrap";
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2 rounded-md border border-line bg-panel p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <OutcomeLegend prefix={id} />
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-muted">No decisions in this period.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`${title}: the table scrolls sideways`}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{`${title}: decisions, outcome rates, time to decision, SLA and findings`}</caption>
            <thead className="border-b border-line text-muted">
              <tr>
                <th scope="col" className={th}>
                  {scopeLabel}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Decided
                </th>
                <th scope="col" className={`${th} min-w-24`}>
                  <span className="sr-only">Outcome shares (chart)</span>
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Approved
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Edited
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Rejected
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Median / p90 time
                </th>
                <th scope="col" className={`${th} text-right`}>
                  SLA met
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Findings per draft
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <th scope="row" className="max-w-[16rem] px-3 py-2 font-normal break-words">
                    <Link href={hrefOf(r)} className="text-accent underline">
                      {r.label}
                    </Link>
                    {r.decidedElsewhere > 0 ? <span className="block text-xs text-muted">{`+${r.decidedElsewhere} decided in MultiMail`}</span> : null}
                  </th>
                  <td className={td}>{r.decided}</td>
                  <td className="px-3 py-2">
                    <OutcomeBar id={`${id}-${i}`} approved={r.approved} edited={r.edited} rejected={r.rejected} />
                  </td>
                  <td className={td}>{percent(r.approved, r.decided)}</td>
                  <td className={td}>{percent(r.edited, r.decided)}</td>
                  <td className={td}>{percent(r.rejected, r.decided)}</td>
                  <td className={td}>{`${duration(r.medianDecisionSeconds)} / ${duration(r.p90DecisionSeconds)}`}</td>
                  <td className={td}>{r.withSla > 0 ? percent(r.slaMet, r.withSla) : "no SLA set"}</td>
                  <td className={td}>{decimal(r.findingsPerDraft, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
