// The period's headline numbers, each a label and a value in text.
import type { Insights } from "@/lib/insights/schemas";
import { decimal, duration, percent, plural } from "./format";

export function StatTiles({ insights }: { insights: Insights }) {
  const t = insights.total;
  const tiles: { label: string; value: string; note?: string }[] = [
    { label: "Held", value: String(insights.held), note: "emails held in the period" },
    { label: "Decided", value: String(t.decided), note: t.decidedElsewhere > 0 ? `+${t.decidedElsewhere} decided in MultiMail` : "in Countersign" },
    { label: "Approved", value: percent(t.approved, t.decided), note: `${t.approved} unedited` },
    { label: "Edited", value: percent(t.edited, t.decided), note: plural(t.edited, "edit") },
    { label: "Rejected", value: percent(t.rejected, t.decided), note: plural(t.rejected, "rejection") },
    { label: "Median time to decision", value: duration(t.medianDecisionSeconds), note: `p90 ${duration(t.p90DecisionSeconds)}` },
    {
      label: "SLA met",
      value: t.withSla > 0 ? percent(t.slaMet, t.withSla) : "no SLA set",
      note: t.withSla > 0 ? `${t.slaMet} of ${t.withSla} decided on time` : "no mailbox in view has an SLA",
    },
    {
      label: "Median edit size",
      value: insights.editSize.medianWordsChanged === null ? "—" : `${decimal(insights.editSize.medianWordsChanged)} words`,
      note: `${plural(insights.editSize.edits, "edit")} measured`,
    },
    {
      label: "Findings per draft",
      value: decimal(t.findingsPerDraft, 2),
      note: `${t.approvedWithFindings} approved despite findings`,
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5 xl:grid-cols-9">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-md border border-line bg-panel p-3">
          <dt className="text-xs text-muted">{tile.label}</dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums">{tile.value}</dd>
          {tile.note ? <dd className="text-xs text-muted">{tile.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
