// Section 1, queue reads: the app's own listQueue (first page, a deep page, a search, a mailbox) and
// getItemDetail (the review page), timed at each size of stored email. One database per size, all
// open at once, and the sizes interleaved call by call, so a burst of load from elsewhere on the
// machine falls on every size alike and p95(size) / p95(smallest) measures the data, not the noise.
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { openPglite, openPostgres } from "@/lib/db/client";
import { getItemDetail, getItemHistory, listQueue } from "@/lib/review/data";
import { queueFiltersSchema } from "@/lib/review/schemas";
import { createDatabase, ignorePoolErrors } from "./support/postgres";
import { progress, runSection } from "./support/section";
import { seedQueue } from "./support/seed-queue";
import { msSince, summarize, type Summary } from "./support/stats";

const QUEUE_READS = ["first page", "deep page", "search", "filtered", "review page"] as const;
type QueueRead = (typeof QUEUE_READS)[number];

export interface QueueInput {
  db: "postgres" | "pglite";
  adminUrl?: string;
  sizes: number[];
  iterations: number;
  warmup: number;
}

export interface QueueOutput {
  db: "postgres" | "pglite";
  sizes: { size: number; seedMs: number }[];
  reads: { size: number; read: QueueRead; summary: Summary; check: string }[];
}

interface Target {
  size: number;
  handle: DbHandle;
  drop?: () => Promise<void>;
  calls: Record<QueueRead, () => Promise<string>>;
}

async function open(input: QueueInput, size: number): Promise<{ handle: DbHandle; drop?: () => Promise<void> }> {
  if (input.db === "pglite") return { handle: await openPglite(undefined) };
  const database = await createDatabase(input.adminUrl!, `queue_${size}`);
  const handle = await openPostgres(database.url);
  ignorePoolErrors(handle.db);
  return { handle, drop: database.drop };
}

async function prepare(input: QueueInput, size: number): Promise<{ target: Target; seedMs: number }> {
  const { handle, drop } = await open(input, size);
  const db = handle.db;
  const started = process.hrtime.bigint();
  await seedQueue(db, size, { rebuildIndexes: input.db === "postgres", onChunk: (done) => size > 100_000 && progress(`${input.db} ${size}: ${done} seeded`) });
  const seedMs = msSince(started);
  progress(`${input.db}: ${size.toLocaleString("en")} held emails seeded in ${(seedMs / 1000).toFixed(1)} s`);

  // Half-way down the queue (the cursor is the last row's held_at and id, as the UI holds it), a
  // pending item with a revision for the review page, one caller's address for the search.
  const half = Math.floor(size / 2);
  const rowOf = async (n: number) => {
    const result = await db.execute(sql`select id, held_at from review_items where root_email_id = ${`em-${n}`}`);
    const row = (result as unknown as { rows: { id: string; held_at: string | Date }[] }).rows[0];
    if (!row) throw new Error(`seed row em-${n} is missing`);
    return { id: row.id, heldAt: new Date(row.held_at) };
  };
  const middle = await rowOf(half);
  const reviewed = await rowOf(half - (half % 10) + 3);
  const cursor = Buffer.from(`${middle.heldAt.toISOString()}|${middle.id}`).toString("base64url");
  const query = (filters: Record<string, string>) => async () => {
    const page = await listQueue(db, queueFiltersSchema.parse(filters), true);
    return `${page.rows.length} rows`;
  };
  const calls: Record<QueueRead, () => Promise<string>> = {
    "first page": query({}),
    "deep page": query({ cursor }),
    // A pending item's caller (n % 10 = 1; every tenth item is approved), so the search finds one row.
    search: query({ q: `caller${Math.floor(size * 0.73) + 1}@` }),
    filtered: query({ mailbox: "mb-3" }),
    "review page": async () => {
      // The page's reads start together (app/(dashboard)/emails/[id]/page.tsx): the item and its history.
      const [detail, history] = await Promise.all([getItemDetail(db, reviewed.id), getItemHistory(db, reviewed.id)]);
      return detail && history ? `${detail.revisions.length} revision, ${history.length} history` : "not found";
    },
  };
  return { target: { size, handle, drop, calls }, seedMs };
}

runSection<QueueInput, QueueOutput>(async (input) => {
  const targets: Target[] = [];
  const sizes: QueueOutput["sizes"] = [];
  try {
    for (const size of input.sizes) {
      const { target, seedMs } = await prepare(input, size);
      targets.push(target);
      sizes.push({ size, seedMs });
    }
    const samples = new Map<string, number[]>();
    const checks = new Map<string, string>();
    const key = (size: number, read: QueueRead) => `${size}|${read}`;
    const rounds = input.warmup + input.iterations;
    progress(`${input.db}: ${input.iterations} timed rounds (after ${input.warmup} warm-up) of ${QUEUE_READS.length} reads at ${targets.length} sizes, interleaved`);
    for (let round = 0; round < rounds; round += 1) {
      // Rotate which size goes first, so none always follows the same neighbour.
      for (let k = 0; k < targets.length; k += 1) {
        const target = targets[(round + k) % targets.length]!;
        for (const read of QUEUE_READS) {
          const started = process.hrtime.bigint();
          const check = await target.calls[read]();
          const ms = msSince(started);
          if (round < input.warmup) continue;
          checks.set(key(target.size, read), check);
          const list = samples.get(key(target.size, read)) ?? [];
          list.push(ms);
          samples.set(key(target.size, read), list);
        }
      }
    }
    return {
      db: input.db,
      sizes,
      reads: targets.flatMap((t) =>
        QUEUE_READS.map((read) => ({ size: t.size, read, summary: summarize(samples.get(key(t.size, read)) ?? []), check: checks.get(key(t.size, read)) ?? "" })),
      ),
    };
  } finally {
    for (const t of targets) {
      await t.handle.close().catch(() => undefined);
      await t.drop?.().catch(() => undefined);
    }
  }
});
