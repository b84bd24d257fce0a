// Feeds the decision-latency histogram (held → decided) from the audit log: each pass reads the
// decisions recorded since the last one, by audit id (the primary key), at most BATCH a pass. The
// worker runs it under a lease, so one instance at a time observes each decision and the series
// summed over instances count every decision once.
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { metrics } from "./metrics";

const BATCH = 1_000;

type Global = { __countersignDecisionWatermark?: number };
const g = globalThis as Global;

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : ((result as { rows?: Row[] }).rows ?? [])) as Row[];

/** Observes the decisions recorded since the previous pass; the first pass only marks where to start. Returns how many it observed. */
export async function observeDecisions(db: Db): Promise<number> {
  if (g.__countersignDecisionWatermark === undefined) {
    const [row] = rowsOf(await db.execute(sql`select coalesce(max(id), 0)::bigint as id from audit_log`));
    g.__countersignDecisionWatermark = Number(row?.id ?? 0);
    return 0;
  }
  const [top] = rowsOf(await db.execute(sql`select coalesce(max(id), 0)::bigint as id from audit_log`));
  const upTo = Number(top?.id ?? 0);
  const rows = rowsOf(
    await db.execute(sql`
      select a.id::bigint as id, a.details->>'action' as action, extract(epoch from a.at - r.held_at)::float8 as seconds,
        coalesce(a.details->>'automatic', '') = 'true' as automatic
      from (select id, at, item_id, details from audit_log where id > ${g.__countersignDecisionWatermark} and id <= ${upTo} and action = 'decision.recorded' order by id limit ${BATCH}) a
      join review_items r on r.id = a.item_id
      order by a.id`),
  );
  let observed = 0;
  for (const row of rows) {
    g.__countersignDecisionWatermark = Math.max(g.__countersignDecisionWatermark, Number(row.id));
    // An edited draft's re-send is approved automatically: not a reviewer's latency.
    if (row.automatic === true) continue;
    const action = row.action === "approve" || row.action === "reject" ? row.action : "other";
    metrics().decisionLatency.observe({ action }, Math.max(0, Number(row.seconds)));
    observed++;
  }
  // Fewer than a batch: every decision up to `upTo` is seen, and the other audit rows need no second look.
  if (rows.length < BATCH) g.__countersignDecisionWatermark = Math.max(g.__countersignDecisionWatermark, upTo);
  return observed;
}

/** Tests start counting from a known point. */
export function resetDecisionWatermarkForTests(): void {
  g.__countersignDecisionWatermark = undefined;
}
