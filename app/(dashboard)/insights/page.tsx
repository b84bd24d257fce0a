// Insights: how the review loop went over 7, 30 or 90 days, per mailbox and per agent, and the
// trust-ladder suggestion of each mailbox. Viewers may read it. Charts are server-rendered SVG.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getInsights, mailboxLabels } from "@/lib/insights/get-insights";
import { insightsFiltersSchema, periods, type InsightsFilters, type ScopeRow } from "@/lib/insights/schemas";
import { CAUTION_MIN_DECISIONS, CAUTION_SHARE, getTrustSuggestions, knownMailboxIds, LADDER_WINDOW } from "@/lib/insights/trust-ladder";
import { DailyDecisionsChart } from "@/components/insights/daily-decisions-chart";
import { ReasonsList } from "@/components/insights/reasons-list";
import { ScopeTable } from "@/components/insights/scope-table";
import { StatTiles } from "@/components/insights/stat-tiles";
import { TrustLadder } from "@/components/insights/trust-ladder";

export const metadata: Metadata = { title: "Insights" };
export const dynamic = "force-dynamic";

function hrefWith(filters: InsightsFilters, change: Partial<InsightsFilters>): string {
  const next = { ...filters, ...change };
  const query = new URLSearchParams();
  query.set("days", String(next.days));
  if (next.mailbox) query.set("mailbox", next.mailbox);
  if (next.agent) query.set("agent", next.agent);
  return `/insights?${query}`;
}

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("viewer");
  const filters = insightsFiltersSchema.parse(await searchParams);
  const db = await getDb();
  const insights = await getInsights(db, filters);
  const labels = await mailboxLabels(db);
  const ladderIds = filters.mailbox ? [filters.mailbox] : [...(await knownMailboxIds(db)), ...insights.byMailbox.map((m) => m.key)];
  const suggestions = await getTrustSuggestions(db, ladderIds, labels);
  const scoped = [filters.mailbox ? `mailbox ${labels.get(filters.mailbox) ?? filters.mailbox}` : null, filters.agent ? `agent ${filters.agent}` : null].filter(Boolean);

  return (
    <section aria-labelledby="insights-title" className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="insights-title" className="text-xl font-semibold">
            Insights
          </h1>
          <p className="text-sm text-muted">
            {`Decisions made ${insights.from.slice(0, 10)} to ${insights.to.slice(0, 10)} (UTC)`}
            {scoped.length > 0 ? ` · ${scoped.join(" · ")} · ` : null}
            {scoped.length > 0 ? (
              <Link className="text-accent underline" href={hrefWith(filters, { mailbox: undefined, agent: undefined })}>
                show everything
              </Link>
            ) : null}
          </p>
        </div>
        <nav aria-label="Period" className="flex overflow-hidden rounded-md border border-line bg-panel text-sm">
          {periods.map((days) => (
            <Link
              key={days}
              href={hrefWith(filters, { days })}
              aria-current={filters.days === days ? "page" : undefined}
              className={`px-3 py-1.5 ${filters.days === days ? "bg-accent font-medium text-accent-fg" : "hover:bg-bg"}`}
            >
              {`${days} days`}
            </Link>
          ))}
        </nav>
      </div>

      <StatTiles insights={insights} />

      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 rounded-md border border-line bg-panel p-4">
          <DailyDecisionsChart id="daily" days={insights.days} />
        </div>
        <ReasonsList reasons={insights.reasons} rejected={insights.total.rejected} />
      </div>

      <ScopeTable id="by-mailbox" title="By mailbox" scopeLabel="Mailbox" rows={insights.byMailbox} hrefOf={(r: ScopeRow) => hrefWith(filters, { mailbox: r.key })} />
      <ScopeTable id="by-agent" title="By agent" scopeLabel="Agent (or room)" rows={insights.byAgent} hrefOf={(r: ScopeRow) => hrefWith(filters, { agent: r.key })} />

      <p className="text-xs text-muted">
        Rates are of the emails approved, edited or rejected in Countersign; emails decided in MultiMail are counted apart. Time to decision runs from the hold to the
        reviewer&apos;s decision (an edit counts when it was saved). Edit size is the median number of words changed in the body: the larger of words added and words
        removed. Findings are the evidence checks&apos; problems on each draft decided.
      </p>

      <TrustLadder suggestions={suggestions} window={LADDER_WINDOW} cautionShare={CAUTION_SHARE} cautionMin={CAUTION_MIN_DECISIONS} />
    </section>
  );
}
