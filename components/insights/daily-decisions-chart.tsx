// Decisions per day, stacked by outcome: server-rendered SVG with d3-scale's scales and ticks (no
// client code, nothing added to any page's JavaScript). The table below it carries the same numbers.
import { scaleBand, scaleLinear } from "d3-scale";
import type { DayCount } from "@/lib/insights/schemas";
import { fillOf, OutcomeLegend, OutcomePatterns, outcomes } from "./chart-patterns";
import { shortDay } from "./format";

const WIDTH = 720;
const HEIGHT = 220;
const M = { top: 12, right: 8, bottom: 28, left: 34 };

export function DailyDecisionsChart({ days, id }: { days: DayCount[]; id: string }) {
  const totals = days.map((d) => d.approved + d.edited + d.rejected);
  const sum = totals.reduce((a, b) => a + b, 0);
  const busiest = days[totals.indexOf(Math.max(...totals))];
  const x = scaleBand<string>()
    .domain(days.map((d) => d.day))
    .range([M.left, WIDTH - M.right])
    .paddingInner(days.length > 40 ? 0.15 : 0.25);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...totals)])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  const ticks = y.ticks(4).filter((t) => Number.isInteger(t));
  const labelEvery = Math.ceil(days.length / 8);
  const summary =
    sum === 0 ? "No decisions in this period." : `${sum} decisions over ${days.length} days; the busiest day was ${shortDay(busiest!.day)} with ${Math.max(...totals)}.`;

  return (
    <figure className="space-y-2">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-medium">Decisions per day</span>
        <OutcomeLegend prefix={id} />
      </figcaption>
      {/* Narrow screens scroll the chart sideways rather than shrink its labels past reading; row-reverse
          starts the scroll at the right end, at today. */}
      <div className="flex flex-row-reverse overflow-x-auto" tabIndex={0} role="region" aria-label="Decisions per day chart, scrolls sideways">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full min-w-[560px] shrink-0" role="img" aria-labelledby={`${id}-desc`}>
          <desc id={`${id}-desc`}>{`Stacked bar chart of decisions per day by outcome. ${summary} The table below lists every day.`}</desc>
          <OutcomePatterns prefix={id} />
          {ticks.map((t) => (
            <g key={t}>
              <line x1={M.left} x2={WIDTH - M.right} y1={y(t)} y2={y(t)} stroke="var(--line)" />
              <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize="12" fill="var(--muted)">
                {t}
              </text>
            </g>
          ))}
          {days.map((d, i) => {
            let base = 0;
            return (
              <g key={d.day}>
                {outcomes.map((o) => {
                  const value = d[o.key];
                  if (value === 0) return null;
                  const top = y(base + value);
                  const height = y(base) - top;
                  base += value;
                  return <rect key={o.key} x={x(d.day)} y={top} width={x.bandwidth()} height={height} fill={fillOf(id, o.key)} stroke="var(--panel)" strokeWidth="0.5" />;
                })}
                {i % labelEvery === 0 ? (
                  <text x={x(d.day)! + x.bandwidth() / 2} y={HEIGHT - M.bottom + 16} textAnchor="middle" fontSize="12" fill="var(--muted)">
                    {shortDay(d.day)}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line x1={M.left} x2={WIDTH - M.right} y1={y(0)} y2={y(0)} stroke="var(--muted)" />
        </svg>
      </div>
      <p className="text-sm text-muted">{summary}</p>
      <details className="text-sm">
        <summary className="cursor-pointer text-accent underline">Decisions per day as a table</summary>
        <div className="mt-2 max-h-72 overflow-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">Decisions per day by outcome</caption>
            <thead className="text-muted">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Day
                </th>
                {outcomes.map((o) => (
                  <th key={o.key} scope="col" className="py-1 pr-3 text-right font-medium">
                    {o.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row" className="py-1 pr-3 font-normal">
                    <time dateTime={d.day}>{shortDay(d.day)}</time>
                  </th>
                  <td className="py-1 pr-3 text-right">{d.approved}</td>
                  <td className="py-1 pr-3 text-right">{d.edited}</td>
                  <td className="py-1 pr-3 text-right">{d.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
