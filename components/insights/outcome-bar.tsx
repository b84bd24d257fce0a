// One scope's approved / edited / rejected shares as a 100 % bar, beside the same numbers in text
// (the bar is decoration for the eye: the row's cells say it all).
import { scaleLinear } from "d3-scale";
import { fillOf, OutcomePatterns, outcomes } from "./chart-patterns";

export function OutcomeBar({ id, approved, edited, rejected }: { id: string; approved: number; edited: number; rejected: number }) {
  const total = approved + edited + rejected;
  const x = scaleLinear()
    .domain([0, Math.max(1, total)])
    .range([0, 100]);
  const values = { approved, edited, rejected };
  const starts = outcomes.map((_, i) => outcomes.slice(0, i).reduce((sum, o) => sum + x(values[o.key]), 0));
  return (
    <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full min-w-16 rounded-sm bg-bg" aria-hidden="true">
      <OutcomePatterns prefix={id} />
      {outcomes.map((o, i) => (values[o.key] > 0 ? <rect key={o.key} x={starts[i]} width={x(values[o.key])} height="10" fill={fillOf(id, o.key)} /> : null))}
    </svg>
  );
}
