// Section 3, the reconciler: reconcile(db, client) (lib/review) with a backlog of held emails in the
// emulator (its own process), on a database with `stored` emails already in it. Timed: the first pass
// over a backlog Countersign has never seen, the second pass (each pass applies a bounded share), and
// a pass with nothing new: every held email already known, as after webhooks delivered them (the rest
// of the backlog is recorded with SQL to get there, not by a hundred passes). This process's heap
// (after a full GC) and RSS before and after each.
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, type DbHandle } from "@/lib/db/client";
import { createMultiMailClient } from "@/lib/multimail/client";
import { reconcile, type ReconcileReport } from "@/lib/review/reconcile";
import { DEMO_KEYS, DEMO_MAILBOXES } from "@/sandbox/multimail/seed";
import { createDatabase, ignorePoolErrors } from "./support/postgres";
import { startEmulatorProcess } from "./support/processes";
import { progress, runSection } from "./support/section";
import { seedQueue } from "./support/seed-queue";
import { msSince } from "./support/stats";

export interface ReconcileInput {
  db: "postgres" | "pglite";
  adminUrl?: string;
  backlog: number;
  stored: number;
}

export interface Memory {
  heapUsed: number;
  rss: number;
}

type Brief = Omit<ReconcileReport, "matched">;
export interface ReconcilePass {
  name: string;
  ms: number;
  report: Brief;
  before: Memory;
  after: Memory;
}

export interface ReconcileOutput {
  db: "postgres" | "pglite";
  backlog: number;
  stored: number;
  backlogMs: number;
  passes: ReconcilePass[];
}

function memory(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}

async function open(input: ReconcileInput): Promise<{ handle: DbHandle; drop?: () => Promise<void> }> {
  if (input.db === "pglite") return { handle: await openPglite(undefined) };
  const database = await createDatabase(input.adminUrl!, "reconcile");
  const handle = await openPostgres(database.url);
  ignorePoolErrors(handle.db);
  return { handle, drop: database.drop };
}

/** Held emails sent through the emulator's API with the send key: half carry the session link (metadata), half not (strict agents). */
async function sendBacklog(url: string, count: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const response = await fetch(`${url}/v1/mailboxes/${i % 2 ? DEMO_MAILBOXES.followups : DEMO_MAILBOXES.support}/send`, {
        method: "POST",
        headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
        body: JSON.stringify({
          to: [`caller${i}@example.com`],
          subject: `Backlog ${i}: appointment confirmation`,
          markdown: `Hi,\n\nYour appointment is confirmed for **Tuesday at ${1 + (i % 8)} PM**.\n\nBest,\nAcme Dental`,
          ...(i % 2 ? { metadata: { session_id: `RM_backlog${i}`, caller_email: `caller${i}@example.com` } } : {}),
        }),
      });
      if (!response.ok) throw new Error(`emulator send ${i}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
}

const brief = ({ matched: _matched, ...rest }: ReconcileReport): Brief => rest;

/** Every held email not applied yet gets its item and email rows, linked to a session, as an applied one has. */
async function recordAsKnown(handle: DbHandle, pending: { id: string; mailboxId: string | null; status: string }[]): Promise<void> {
  await handle.db.execute(sql`
    with p as (select * from jsonb_to_recordset(${JSON.stringify(pending.map((e) => ({ id: e.id, mailbox_id: e.mailboxId ?? "", status: e.status })))}::jsonb) as p(id text, mailbox_id text, status text)),
    items as (
      insert into review_items (id, root_email_id, current_email_id, mailbox_id, state, held_at, session_id)
      select gen_random_uuid(), p.id, p.id, p.mailbox_id, 'pending', now(), 'RM_known' from p where not exists (select 1 from emails e where e.id = p.id)
      returning id, root_email_id, mailbox_id)
    insert into emails (id, item_id, mailbox_id, direction, status)
    select i.root_email_id, i.id, i.mailbox_id, 'outbound', p.status from items i join p on p.id = i.root_email_id`);
}

runSection<ReconcileInput, ReconcileOutput>(async (input) => {
  const emulator = await startEmulatorProcess();
  const { handle, drop } = await open(input);
  try {
    if (input.stored > 0) {
      await seedQueue(handle.db, input.stored, { rebuildIndexes: input.db === "postgres" });
      progress(`${input.db}: ${input.stored.toLocaleString("en")} stored emails seeded`);
    }
    const startedBacklog = process.hrtime.bigint();
    await sendBacklog(emulator.url, input.backlog);
    const client = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, timeoutMs: 30_000 });
    // The emulator scans each send after a timer: wait until all of them are held.
    for (let i = 0; (await client.listPending()).length < input.backlog; i += 1) {
      if (i > 600) throw new Error("the backlog never became pending");
      await new Promise((r) => setTimeout(r, 100));
    }
    const backlogMs = msSince(startedBacklog);
    progress(`${input.db}: ${input.backlog.toLocaleString("en")} held emails in the emulator (${(backlogMs / 1000).toFixed(1)} s)`);

    const passes: ReconcilePass[] = [];
    const pass = async (name: string) => {
      const before = memory();
      const started = process.hrtime.bigint();
      const report = brief(await reconcile(handle.db, client));
      const ms = msSince(started);
      passes.push({ name, ms, report, before, after: memory() });
      progress(`${input.db}: ${name}: ${ms.toFixed(0)} ms, ${JSON.stringify(report)}`);
    };
    await pass("first pass (backlog unknown)");
    await pass("second pass");
    await recordAsKnown(handle, await client.listPending());
    await pass("pass with nothing new");
    await pass("again, nothing new");
    return { db: input.db, backlog: input.backlog, stored: input.stored, backlogMs, passes };
  } finally {
    await handle.close().catch(() => undefined);
    await drop?.().catch(() => undefined);
    await emulator.close();
  }
});
