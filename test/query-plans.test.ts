// Query plans at 100k rows on PostgreSQL: the statements the app's own read functions send (captured
// from the connection pool, not re-typed here) are explained and run; none may scan a large table
// whole or read thousands of rows only to filter them out (a keyset that is not an index condition).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";
import { findStaleHolds } from "@/lib/inbox/find-stale-holds";
import { searchContacts } from "@/lib/inbox/search-contacts";
import { listActivity } from "@/lib/audit/list-activity";
import { sessionsOfContacts } from "@/lib/inbox/contact-sessions";
import { getItemDetail, listQueue } from "@/lib/review/data";
import { queueFiltersSchema } from "@/lib/review/schemas";
import { openTestDb } from "./db";

const ROWS = 100_000;
const BIG_TABLES = new Set(["review_items", "emails", "decisions", "voice_participants", "audit_log", "revisions"]);

interface Statement {
  text: string;
  values: unknown[];
}
interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Rows Removed by Filter"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

/** Rows read and thrown away by filters: an index scan whose condition misses the keyset shows up here. */
function rowsFiltered(node: PlanNode): number {
  return (node["Rows Removed by Filter"] ?? 0) * (node["Actual Loops"] ?? 1) + (node.Plans ?? []).reduce((n, child) => n + rowsFiltered(child), 0);
}
const MAX_FILTERED = ROWS / 20;

/** Sequential scans of large tables; one directly under a LIMIT stops early and is allowed (a bounded count). */
function seqScans(node: PlanNode, underLimit = false): string[] {
  const own = node["Node Type"] === "Seq Scan" && !underLimit && node["Relation Name"] && BIG_TABLES.has(node["Relation Name"]) ? [node["Relation Name"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap((child) => seqScans(child, node["Node Type"] === "Limit"))];
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("query plans at 100k rows on PostgreSQL", () => {
  let handle: DbHandle;
  let pool: { query: (...args: unknown[]) => Promise<unknown> };
  let captured: Statement[] | null = null;

  /** Runs `work` and returns the statements the app sent while it ran. */
  async function statementsOf(work: () => Promise<unknown>): Promise<Statement[]> {
    captured = [];
    try {
      await work();
      return captured;
    } finally {
      captured = null;
    }
  }

  /** Each read the app sent, explained and run: its large-table sequential scans, or a note when filters discard too many rows. */
  async function scansOf(statements: Statement[]): Promise<{ text: string; scans: string[] }[]> {
    const out = [];
    for (const s of statements.filter((st) => /^\s*select/i.test(st.text))) {
      const result = (await pool.query(`explain (analyze, format json) ${s.text}`, s.values)) as { rows: { "QUERY PLAN": { Plan: PlanNode }[] }[] };
      const plan = result.rows[0]!["QUERY PLAN"][0]!.Plan;
      const filtered = rowsFiltered(plan);
      out.push({ text: s.text, scans: [...seqScans(plan), ...(filtered > MAX_FILTERED ? [`${filtered} rows filtered`] : [])] });
    }
    return out;
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
    const db = handle.db;
    await db.execute(sql`
      insert into review_items (id, root_email_id, current_email_id, mailbox_id, state, from_address, to_addresses, subject, preview, held_at, caller_email, search_text, findings_count)
      select gen_random_uuid(), 'em-' || n, 'em-' || n, 'mb-' || (n % 7), (case when n % 10 = 0 then 'approved' else 'pending' end)::item_state,
             'agent@followups.example', array['caller' || n || '@example.com'], 'Follow-up ' || n, 'preview', timestamptz '2026-01-01' + n * interval '1 second',
             'caller' || n || '@example.com', lower('follow-up ' || n || ' caller' || n || '@example.com your appointment number ' || n), n % 13
      from generate_series(1, ${ROWS}) n`);
    await db.execute(sql`
      insert into emails (id, item_id, mailbox_id, direction, status, from_address, subject, markdown, received_at)
      select 'em-' || n, null, 'mb-' || (n % 7), 'outbound', 'pending_send_approval', 'agent@followups.example', 'Follow-up ' || n, 'Body ' || n, timestamptz '2026-01-01' + n * interval '1 second'
      from generate_series(1, ${ROWS}) n`);
    await db.execute(sql`
      insert into emails (id, mailbox_id, direction, status, from_address, subject, received_at)
      select 'in-' || n, 'mb-' || (n % 7), 'inbound', 'unread', 'Caller <caller' || n || '@example.com>', 'Re: follow-up', timestamptz '2026-01-02' + n * interval '1 second'
      from generate_series(1, ${ROWS}) n`);
    await db.execute(sql`
      insert into decisions (item_id, email_id, action, actor, delivery)
      select id, current_email_id, 'approve', 'ada', 'delivered' from review_items where state = 'approved'`);
    await db.execute(sql`
      insert into voice_participants (room_sid, identity, kind, contact_email)
      select 'RM_' || n, 'sip_' || n, 'SIP', 'caller' || n || '@example.com' from generate_series(1, ${ROWS}) n`);
    await db.execute(sql`
      insert into revisions (item_id, number, base_email_id, subject, markdown, to_addresses, content_hash, author)
      select id, 1, current_email_id, subject, 'Edited', to_addresses, md5(id::text), 'rita' from review_items where root_email_id like 'em-%3'`);
    await db.execute(sql`
      insert into audit_log (actor, action, item_id, email_id, details)
      select 'multimail', 'email.held', id, current_email_id, '{}'::jsonb from review_items`);
    // SLAs on three of the seven mailboxes: their held items have a due time (lib/review/sla.ts), the rest none.
    await db.execute(
      sql`insert into mailboxes (id, address, sla_minutes) select 'mb-' || n, 'mb' || n || '@example.com', case when n in (1, 2, 3) then 30 end from generate_series(0, 6) n`,
    );
    await db.execute(sql`update review_items set due_at = held_at + interval '30 minutes' where mailbox_id in ('mb-1', 'mb-2', 'mb-3')`);
    await db.execute(sql`analyze`);
  }, 240_000);

  afterAll(async () => {
    await handle?.close();
  });

  const queue = (filters: Record<string, unknown>) => listQueue(handle.db, queueFiltersSchema.parse(filters), true);

  it.each([
    ["the first page", {}],
    ["a deep page", "deep"],
    ["a search", { q: "caller73421@" }],
    ["a mailbox", { mailbox: "mb-3" }],
    ["the edited tab", { state: "edited" }],
    ["all states", { state: "all" }],
    ["due first", { sort: "due" }],
    ["a deep due-first page", "deep-due"],
    ["due-first page past every due time", "deep-due-none"],
  ] as const)("the queue's %s scans no large table", async (_name, filters) => {
    let f: Record<string, unknown> = typeof filters === "string" ? {} : filters;
    if (filters === "deep") {
      // Half-way down: the page after row 50,000 (the cursor is the last row's held_at and id).
      const [middle] = await handle.db
        .select()
        .from(reviewItems)
        .where(sql`${reviewItems.rootEmailId} = 'em-50000'`);
      f = { cursor: Buffer.from(`${middle!.heldAt.toISOString()}|${middle!.id}`).toString("base64url") };
    }
    if (filters === "deep-due" || filters === "deep-due-none") {
      // "Due first": the cursor is the last row's due time ("inf" without an SLA) and id.
      const [middle] = await handle.db
        .select()
        .from(reviewItems)
        .where(sql`${reviewItems.rootEmailId} = ${filters === "deep-due" ? "em-50001" : "em-50000"}`);
      const due = middle!.dueAt ? middle!.dueAt.toISOString() : "inf";
      f = { sort: "due", cursor: Buffer.from(`due|${due}|${middle!.id}`).toString("base64url") };
    }
    const plans = await scansOf(await statementsOf(() => queue(f)));
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.filter((p) => p.scans.length > 0).map((p) => `${p.scans.join(",")}: ${p.text.replace(/^select .*? from/, "select … from")}`)).toEqual([]);
  });

  it("the overdue count reads a bounded range of the due index, not the whole of it", async () => {
    // An index condition on a column after the first does not bound a B-tree scan: it shows in no
    // filter count, only in the pages read. Asked before every due time, so nothing is overdue.
    const before = new Date("2025-12-31T00:00:00Z");
    const statements = (await statementsOf(() => listQueue(handle.db, queueFiltersSchema.parse({}), true, before))).filter((st) =>
      /infinity'::timestamptz\) < /.test(st.text),
    );
    expect(statements).toHaveLength(1);
    const result = (await pool.query(`explain (analyze, buffers, format json) ${statements[0]!.text}`, statements[0]!.values)) as {
      rows: { "QUERY PLAN": { Plan: { "Shared Hit Blocks": number; "Shared Read Blocks": number } }[] }[];
    };
    const plan = result.rows[0]!["QUERY PLAN"][0]!.Plan;
    expect(plan["Shared Hit Blocks"] + plan["Shared Read Blocks"]).toBeLessThan(20);
  });

  it("the review page, stale holds and a contact's calls scan no large table", async () => {
    const [item] = await handle.db
      .select()
      .from(reviewItems)
      .where(sql`${reviewItems.rootEmailId} = 'em-50000'`);
    const plans = await scansOf(
      await statementsOf(async () => {
        await getItemDetail(handle.db, item!.id);
        await findStaleHolds(handle.db, [item!]);
        await sessionsOfContacts(handle.db, ["caller50000@example.com"]);
      }),
    );
    expect(plans.length).toBeGreaterThan(3);
    expect(plans.filter((p) => p.scans.length > 0).map((p) => `${p.scans.join(",")}: ${p.text.replace(/^select .*? from/, "select … from")}`)).toEqual([]);
  });

  it.each([
    ["a contact search", () => searchContacts(handle.db, "caller73421")],
    ["a contact search by name", () => searchContacts(handle.db, "Grace Hopper")],
    ["the activity filtered by actor", () => listActivity(handle.db, { actor: "rita" })],
  ] as const)("%s scans no large table", async (_name, read) => {
    const plans = await scansOf(await statementsOf(read));
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.filter((p) => p.scans.length > 0).map((p) => `${p.scans.join(",")}: ${p.text.replace(/^select .*? from/, "select … from")}`)).toEqual([]);
  });
});
