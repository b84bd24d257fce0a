// The Insights reads at scale on PostgreSQL: two years of decisions (100k items by default,
// INSIGHTS_PLAN_ROWS to change it); every statement the page sends is explained and run, and none
// may scan review_items whole: a period reads its own days through review_items_decided_idx (or
// review_items_mailbox_decided_idx), and the trust-ladder window 50 rows per mailbox.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { openTestDb } from "@/test/db";
import { getInsights, mailboxLabels } from "./get-insights";
import { insightsFiltersSchema } from "./schemas";
import { getTrustSuggestions } from "./trust-ladder";

const ROWS = Number(process.env.INSIGHTS_PLAN_ROWS ?? 100_000);
const NOW = new Date("2026-11-30T12:00:00Z");

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}
interface Statement {
  text: string;
  values: unknown[];
}

function seqScansOfItems(node: PlanNode): number {
  const own = node["Node Type"] === "Seq Scan" && node["Relation Name"] === "review_items" ? 1 : 0;
  return own + (node.Plans ?? []).reduce((n, child) => n + seqScansOfItems(child), 0);
}

describe.skipIf(!process.env.TEST_DATABASE_URL)(`insights query plans at ${ROWS} items on PostgreSQL`, () => {
  let handle: DbHandle;
  let pool: { query: (...args: unknown[]) => Promise<unknown> };
  let captured: Statement[] | null = null;

  async function statementsOf(work: () => Promise<unknown>): Promise<{ statements: Statement[]; ms: number }> {
    captured = [];
    const started = performance.now();
    try {
      await work();
      return { statements: captured, ms: performance.now() - started };
    } finally {
      captured = null;
    }
  }

  beforeAll(async () => {
    handle = await openTestDb("postgres");
    pool = (handle.db as unknown as { $client: typeof pool }).$client;
    const original = pool.query.bind(pool);
    pool.query = (...args: unknown[]) => {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      if (captured) captured.push(typeof first === "string" ? { text: first, values: second ?? [] } : { text: first.text, values: first.values ?? second ?? [] });
      return original(...args);
    };
    // Five mailboxes, twenty agents' rooms; one decision every few minutes over two years.
    await handle.db.execute(sql`
      insert into mailboxes (id, address, oversight_mode)
      select 'mb_' || m, 'box' || m || '@example.com', 'gated_send' from generate_series(0, 4) m`);
    await handle.db.execute(sql`
      insert into review_items (root_email_id, current_email_id, mailbox_id, state, held_at, decision, decided_at, decision_reason, findings_count, room_name)
      select 'em_' || g, 'em_' || g, 'mb_' || (g % 5),
        (case when g % 10 = 0 then 'rejected' when g % 10 = 1 then 'edited' else 'approved' end)::item_state,
        ${NOW.toISOString()}::timestamptz - (g * (730.0 / ${ROWS})) * interval '1 day' - interval '30 minutes',
        (case when g % 10 = 0 then 'reject' when g % 10 = 1 then 'edit' else 'approve' end)::item_decision,
        ${NOW.toISOString()}::timestamptz - (g * (730.0 / ${ROWS})) * interval '1 day',
        case when g % 10 = 0 then 'Wrong recipient (rejected by Ada in Countersign)' end,
        g % 3, 'agent-' || (g % 20)
      from generate_series(1, ${ROWS}) g`);
    await handle.db.execute(sql`analyze`);
  }, 600_000);
  afterAll(async () => handle?.close());

  it.for([7, 90] as const)("a %i-day period reads only its own days, for everything, one mailbox or one agent", async (days) => {
    for (const query of [{ days: String(days) }, { days: String(days), mailbox: "mb_1" }, { days: String(days), agent: "agent-3" }]) {
      const filters = insightsFiltersSchema.parse(query);
      const { statements, ms } = await statementsOf(() => getInsights(handle.db, filters, NOW));
      console.warn(`insights ${JSON.stringify(query)} at ${ROWS} items: ${Math.round(ms)} ms`);
      // The count of emails held in the period is the one read the planner may serve with a parallel
      // sequential scan when the period is a large share of the table (90 of 730 days at 1M items).
      for (const s of statements.filter((st) => days === 7 || !st.text.includes("held_at >="))) {
        const result = (await pool.query(`explain (format json) ${s.text}`, s.values)) as { rows: { "QUERY PLAN": { Plan: PlanNode }[] }[] };
        expect(seqScansOfItems(result.rows[0]!["QUERY PLAN"][0]!.Plan), s.text).toBe(0);
      }
    }
  });

  it("the trust-ladder window reads 50 decisions per mailbox", async () => {
    const { statements, ms } = await statementsOf(async () => getTrustSuggestions(handle.db, ["mb_0", "mb_1", "mb_2", "mb_3", "mb_4"], await mailboxLabels(handle.db)));
    console.warn(`trust ladder of 5 mailboxes at ${ROWS} items: ${Math.round(ms)} ms`);
    for (const s of statements.filter((st) => st.text.includes("review_items"))) {
      const result = (await pool.query(`explain (format json) ${s.text}`, s.values)) as { rows: { "QUERY PLAN": { Plan: PlanNode }[] }[] };
      expect(seqScansOfItems(result.rows[0]!["QUERY PLAN"][0]!.Plan), s.text).toBe(0);
    }
  });
});
