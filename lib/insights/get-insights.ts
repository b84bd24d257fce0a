// The Insights numbers of one period: volume, outcome rates, rejection reasons, edit size, time to
// decision, SLA and evidence findings, for everything and per mailbox and per agent. Every query
// starts from the items decided in the period (review_items_decided_idx, or
// review_items_mailbox_decided_idx for one mailbox), so its cost follows the period, not the table.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { queryRows, type Row } from "./query-rows";
import type { DayCount, DecisionStats, EditSize, Insights, InsightsFilters, ReasonCount, ScopeRow } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The suffix lib/review/actions.ts appends to a rejection reason for MultiMail's own audit log. */
const REJECTED_BY_SUFFIX = String.raw`\s*\(rejected by .+ in Countersign\)\s*$`;
const WHITESPACE = String.raw`\s+`;
export const NO_AGENT_LABEL = "No voice session";

/**
 * The agent behind an item: the agent name its session's transcript or agent job reported, else the
 * room name the email named, else '' (no voice session).
 */
const agentOf = sql`coalesce(
  (select vt.agent_name from voice_transcripts vt where vt.room_sid = ri.room_sid and vt.agent_name is not null order by vt.received_at limit 1),
  (select vs.jobs -> 0 ->> 'agentName' from voice_sessions vs where vs.room_sid = ri.room_sid),
  ri.room_name,
  ''
)`;

/** When the reviewer decided: an edit counts when it was saved (its re-send's approval comes later). */
const humanDecidedAt = sql`case when ri.decision = 'edit'
  then coalesce((select min(r.created_at) from revisions r where r.item_id = ri.id), ri.decided_at)
  else ri.decided_at end`;

/**
 * The items decided in the period (and scope) as the CTE `d`. The agent is worked out only when it is
 * needed (the per-agent breakdown, an agent filter): it costs two look-ups per item.
 */
function decidedInPeriod(filters: InsightsFilters, from: Date, to: Date, withAgent = true): SQL {
  const mailbox = filters.mailbox ? sql`and ri.mailbox_id = ${filters.mailbox}` : sql``;
  const needAgent = withAgent || filters.agent !== undefined;
  const agent = filters.agent !== undefined ? sql`where agent = ${filters.agent === NO_AGENT_LABEL ? "" : filters.agent}` : sql``;
  return sql`with scoped as (
      select ri.id, ri.mailbox_id, ${needAgent ? agentOf : sql`''`} as agent, ri.state, ri.decision, ri.findings_count,
        ri.due_at, ri.held_at, ri.decided_at, ${humanDecidedAt} as human_decided_at,
        to_char(ri.decided_at at time zone 'UTC', 'YYYY-MM-DD') as day,
        case when ri.decision = 'reject' and ri.state <> 'decided_elsewhere'
          then btrim(regexp_replace(ri.decision_reason, ${REJECTED_BY_SUFFIX}, '')) end as reason
      from review_items ri
      where ri.decided_at >= ${from.toISOString()}::timestamptz and ri.decided_at < ${to.toISOString()}::timestamptz
        and ri.decision is not null and ri.state <> 'pending' ${mailbox}
    ), d as (select * from scoped ${agent})`;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const rows = queryRows;

function statsOf(r: Row): DecisionStats {
  return {
    decided: num(r.decided),
    approved: num(r.approved),
    edited: num(r.edited),
    rejected: num(r.rejected),
    decidedElsewhere: num(r.elsewhere),
    medianDecisionSeconds: numOrNull(r.median_seconds),
    p90DecisionSeconds: numOrNull(r.p90_seconds),
    findingsPerDraft: numOrNull(r.findings_per_draft),
    approvedWithFindings: num(r.approved_with_findings),
    withSla: num(r.with_sla),
    slaMet: num(r.sla_met),
  };
}

const emptyStats: DecisionStats = statsOf({});

/** Reads the Insights of a period ending at `now`. */
export async function getInsights(db: Db, filters: InsightsFilters, now: Date = new Date()): Promise<Insights> {
  // Today (UTC) and the days before it: "7 days" is seven whole calendar days, today's so far.
  const to = now;
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (filters.days - 1)));
  const base = decidedInPeriod(filters, from, to);
  const ours = sql`state <> 'decided_elsewhere'`;

  // One pass over the period: the totals, per mailbox, per agent, per day and per rejection reason.
  const grouped = await rows(
    db,
    sql`${base}
    select grouping(mailbox_id) as all_mailboxes, grouping(agent) as all_agents, grouping(day) as all_days, grouping(reason) as all_reasons,
      mailbox_id, agent, day, reason,
      count(*) filter (where ${ours}) as decided,
      count(*) filter (where ${ours} and decision = 'approve') as approved,
      count(*) filter (where ${ours} and decision = 'edit') as edited,
      count(*) filter (where ${ours} and decision = 'reject') as rejected,
      count(*) filter (where not ${ours}) as elsewhere,
      percentile_cont(0.5) within group (order by extract(epoch from human_decided_at - held_at)) filter (where ${ours}) as median_seconds,
      percentile_cont(0.9) within group (order by extract(epoch from human_decided_at - held_at)) filter (where ${ours}) as p90_seconds,
      avg(findings_count) filter (where ${ours}) as findings_per_draft,
      count(*) filter (where ${ours} and decision = 'approve' and findings_count > 0) as approved_with_findings,
      count(*) filter (where ${ours} and due_at is not null) as with_sla,
      count(*) filter (where ${ours} and due_at is not null and human_decided_at <= due_at) as sla_met
    from d
    group by grouping sets ((), (mailbox_id), (agent), (day), (reason))`,
  );
  const setOf = (r: Row) =>
    num(r.all_mailboxes) === 0 ? "mailbox" : num(r.all_agents) === 0 ? "agent" : num(r.all_days) === 0 ? "day" : num(r.all_reasons) === 0 ? "reason" : "total";
  const reasons = grouped
    .filter((r) => setOf(r) === "reason" && r.reason !== null && r.reason !== "")
    .map((r): ReasonCount => ({ reason: String(r.reason), count: num(r.rejected) }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, 8);
  const days = grouped.filter((r) => setOf(r) === "day");

  // Words changed by an edit: the revision's body against the email it replaced, compared as bags of
  // whitespace-separated words; max(added, removed), so replacing one word counts as one. Bodies that
  // data retention has replaced by a note are left out.
  const [edits] = await rows(
    db,
    sql`${decidedInPeriod(filters, from, to, false)}
    select count(*) as edits, percentile_cont(0.5) within group (order by c.changed) as median_changed
    from d
    join revisions r on r.item_id = d.id
    join emails e on e.id = r.base_email_id
    cross join lateral (
      select greatest(coalesce(sum(n) filter (where n > 0), 0), coalesce(-sum(n) filter (where n < 0), 0)) as changed
      from (
        select w, sum(s) as n
        from (
          select w, 1 as s from regexp_split_to_table(r.markdown, ${WHITESPACE}) as w
          union all
          select w, -1 as s from regexp_split_to_table(e.markdown, ${WHITESPACE}) as w
        ) words
        where w <> ''
        group by w
      ) counted
    ) c
    where d.decision = 'edit' and d.state <> 'decided_elsewhere'
      and r.purged_at is null and e.purged_at is null`,
  );

  const held = await heldInPeriod(db, filters, from, to);
  const [sla] = await rows(db, sql`select exists (select 1 from mailboxes where sla_minutes is not null) as any_sla`);
  const labels = await mailboxLabels(db);

  const total = grouped.find((r) => setOf(r) === "total");
  const byMailbox: ScopeRow[] = grouped
    .filter((r) => setOf(r) === "mailbox")
    .map((r) => ({ key: String(r.mailbox_id), label: labels.get(String(r.mailbox_id)) ?? String(r.mailbox_id), ...statsOf(r) }));
  const byAgent: ScopeRow[] = grouped
    .filter((r) => setOf(r) === "agent")
    .map((r) => ({ key: String(r.agent) || NO_AGENT_LABEL, label: String(r.agent) || NO_AGENT_LABEL, ...statsOf(r) }));
  const bySize = (a: ScopeRow, b: ScopeRow) => b.decided + b.decidedElsewhere - (a.decided + a.decidedElsewhere) || a.label.localeCompare(b.label);

  const editSize: EditSize = { edits: num(edits?.edits), medianWordsChanged: numOrNull(edits?.median_changed) };
  return {
    filters,
    from: from.toISOString(),
    to: to.toISOString(),
    held,
    total: total ? statsOf(total) : emptyStats,
    byMailbox: byMailbox.sort(bySize),
    byAgent: byAgent.sort(bySize),
    reasons,
    days: fillDays(days, from, to),
    editSize,
    anySla: Boolean(sla?.any_sla),
  };
}

/** Emails held in the period (review_items_all_idx, or review_items_mailbox_queue_idx for one mailbox). */
async function heldInPeriod(db: Db, filters: InsightsFilters, from: Date, to: Date): Promise<number> {
  const mailbox = filters.mailbox ? sql`and ri.mailbox_id = ${filters.mailbox}` : sql``;
  const agent = filters.agent !== undefined ? sql`and ${agentOf} = ${filters.agent === NO_AGENT_LABEL ? "" : filters.agent}` : sql``;
  const [row] = await rows(
    db,
    sql`select count(*) as n from review_items ri
      where ri.held_at >= ${from.toISOString()}::timestamptz and ri.held_at < ${to.toISOString()}::timestamptz ${mailbox} ${agent}`,
  );
  return num(row?.n);
}

/** Mailbox addresses (with display names) as last synced, to label the per-mailbox rows; the id until then. */
export async function mailboxLabels(db: Db): Promise<Map<string, string>> {
  const found = await rows(db, sql`select id, address, display_name from mailboxes where address <> ''`);
  return new Map(found.map((m) => [String(m.id), m.display_name ? `${String(m.display_name)} <${String(m.address)}>` : String(m.address)]));
}

/** One entry per UTC day of the period, oldest first, zero where nothing was decided. */
function fillDays(found: Row[], from: Date, to: Date): DayCount[] {
  const byDay = new Map(found.map((r) => [String(r.day), r]));
  const out: DayCount[] = [];
  for (let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); t < to.getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const r = byDay.get(day);
    out.push({ day, approved: num(r?.approved), edited: num(r?.edited), rejected: num(r?.rejected) });
  }
  return out;
}
