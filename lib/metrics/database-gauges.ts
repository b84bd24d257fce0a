// The figures /api/metrics reads from the database when scraped. Each query is bounded whatever the
// table sizes (a million review items in production): distinct mailboxes by a skip scan of
// review_items_mailbox_queue_idx, each (mailbox, state) count stopped at QUEUE_DEPTH_CAP by the same
// index, and the outbox and webhook backlogs through their partial / state indexes.
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { readAll } from "@/lib/db/read-all";

export const QUEUE_DEPTH_CAP = 10_000;
/** More mailboxes than this are not broken down (their labels would be too many anyway). */
const MAILBOX_LIMIT = 200;

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : ((result as { rows?: Row[] }).rows ?? [])) as Row[];

export async function queueDepth(db: Db): Promise<{ mailbox: string; state: string; count: number }[]> {
  const result = await db.execute(sql`
    with recursive mailbox as (
      (select mailbox_id from review_items order by mailbox_id limit 1)
      union all
      select (select r.mailbox_id from review_items r where r.mailbox_id > m.mailbox_id order by r.mailbox_id limit 1)
      from mailbox m where m.mailbox_id is not null
    ),
    picked as (select mailbox_id from mailbox where mailbox_id is not null limit ${MAILBOX_LIMIT})
    select p.mailbox_id as mailbox, s.state::text as state,
      (select count(*) from (select 1 from review_items r where r.mailbox_id = p.mailbox_id and r.state = s.state limit ${QUEUE_DEPTH_CAP}) capped)::int as count
    from picked p cross join unnest(enum_range(null::item_state)) as s(state)`);
  return rowsOf(result).map((r) => ({ mailbox: String(r.mailbox), state: String(r.state), count: Number(r.count) }));
}

export async function outboxBacklog(db: Db): Promise<{ kind: "decision" | "resend"; count: number; attempts: number; oldestSeconds: number }[]> {
  const [decisions, resends] = await readAll(db, [
    () =>
      db.execute(sql`select count(*)::int as count, coalesce(sum(attempts), 0)::int as attempts,
        coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest
        from decisions where delivery = 'pending'`),
    () =>
      db.execute(sql`select count(*)::int as count, coalesce(sum(attempts), 0)::int as attempts,
        coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest
        from revisions where resend_state in ('waiting_reject', 'sending')`),
  ]);
  const shape = (kind: "decision" | "resend", result: unknown) => {
    const r = rowsOf(result)[0] ?? {};
    return { kind, count: Number(r.count ?? 0), attempts: Number(r.attempts ?? 0), oldestSeconds: Math.max(0, Number(r.oldest ?? 0)) };
  };
  return [shape("decision", decisions), shape("resend", resends)];
}

export async function webhookBacklog(db: Db): Promise<{ source: string; result: "waiting" | "failing"; count: number }[]> {
  const result = await db.execute(sql`
    select source, case when error is null then 'waiting' else 'failing' end as result, count(*)::int as count
    from webhook_deliveries where processed_at is null group by 1, 2`);
  return rowsOf(result).map((r) => ({ source: String(r.source), result: r.result === "failing" ? "failing" : "waiting", count: Number(r.count) }));
}
