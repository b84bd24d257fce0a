// Section 2, webhook ingest in-process: the app's ingestMultiMailWebhook behind a small node:http
// server against a bare node:http handler doing the same verify + one INSERT with raw SQL, on the
// same database, driven by the same client (load.ts, its own process) at the same concurrency. The
// two take turns, round by round, so load from elsewhere on the machine falls on both alike.
import { randomUUID } from "node:crypto";
import { openPglite, openPostgres, type DbHandle } from "@/lib/db/client";
import { profileDuring, type CpuBreakdown } from "./support/cpu-profile";
import { createDatabase, ignorePoolErrors } from "./support/postgres";
import { progress, runSection } from "./support/section";
import { startAppServer, startBareServer, type RawQuery } from "./support/webhook-servers";
import { runLoad, type LoadResult } from "./support/webhook-load";

export interface IngestInput {
  db: "postgres" | "pglite";
  adminUrl?: string;
  /** Requests per timed phase, after `warmup` untimed ones. */
  requests: number;
  warmup: number;
  /** Untimed requests to each handler before the first phase (JIT, pools, caches). */
  warmupFirst: number;
  concurrency: number;
  /** Timed phases per handler. */
  rounds: number;
  /** Profile one more phase of each handler (the report's "where the gap comes from"). */
  profile: boolean;
}

export interface IngestOutput {
  db: "postgres" | "pglite";
  bare: LoadResult[];
  app: LoadResult[];
  /** One more phase of each, under the sampling profiler: this process's CPU (the server's, and PGlite's when it is in-process). */
  profile?: { bare: CpuBreakdown; app: CpuBreakdown; bareResult: LoadResult; appResult: LoadResult };
}

const SECRET = "whsec_bench_ingest";

async function open(input: IngestInput): Promise<{ handle: DbHandle; query: RawQuery; drop?: () => Promise<void>; close: () => Promise<void> }> {
  if (input.db === "pglite") {
    const handle = await openPglite(undefined);
    const client = (handle.db as unknown as { $client: { query(text: string, params: unknown[]): Promise<unknown> } }).$client;
    return { handle, query: (text, params) => client.query(text, params), close: () => Promise.resolve() };
  }
  const database = await createDatabase(input.adminUrl!, "ingest");
  const handle = await openPostgres(database.url);
  ignorePoolErrors(handle.db);
  // The bare handler's own pool, the size of the app's (lib/db/client.ts: max 10).
  const { Pool } = await import("pg");
  const pool = new Pool({ connectionString: database.url, max: 10 });
  ignorePoolErrors(pool);
  return { handle, query: (text, params) => pool.query(text, params), drop: database.drop, close: () => pool.end() };
}

runSection<IngestInput, IngestOutput>(async (input) => {
  const { handle, query, drop, close } = await open(input);
  const bare = await startBareServer(query, SECRET);
  const app = await startAppServer(handle.db, SECRET);
  const out: IngestOutput = { db: input.db, bare: [], app: [] };
  try {
    // Short phases, alternating (bare, app, app, bare, …): each pair sees the same machine, and the
    // ratio is the median of the pairs' ratios, so a burst of someone else's load moves it little.
    const order = Array.from({ length: input.rounds }, (_, round) => (round % 2 === 0 ? (["bare", "app"] as const) : (["app", "bare"] as const))).flat();
    const results = await runLoad(
      [...(["bare", "app"] as const), ...order].map((which, i) => ({
        url: which === "bare" ? bare.url : app.url,
        secret: SECRET,
        requests: i < 2 ? input.warmupFirst : input.requests,
        warmup: input.warmup,
        concurrency: input.concurrency,
        prefix: `01BENCH${which}${i}${randomUUID().slice(0, 8)}`,
        mailboxId: "mb-bench",
        // This process alone: its children include the load client.
        cpu: { pid: process.pid, tree: false },
      })),
    );
    order.forEach((which, i) => out[which].push(results[i + 2]!));
    for (const which of ["bare", "app"] as const) {
      progress(`${input.db} ${which}: ${out[which].map((r) => `${Math.round(r.perSecond)}/s p99 ${r.latency.p99.toFixed(0)} ms`).join(", ")}`);
    }
    if (input.profile) {
      const one = (url: string, which: string) =>
        runLoad([
          {
            url,
            secret: SECRET,
            requests: input.requests,
            warmup: input.warmup,
            concurrency: input.concurrency,
            prefix: `01BENCHPROF${which}${randomUUID().slice(0, 8)}`,
            mailboxId: "mb-bench",
          },
        ]);
      const bareRun = await profileDuring(() => one(bare.url, "bare"));
      const appRun = await profileDuring(() => one(app.url, "app"));
      out.profile = { bare: bareRun.cpu, app: appRun.cpu, bareResult: bareRun.result[0]!, appResult: appRun.result[0]! };
    }
    return out;
  } finally {
    await Promise.all([bare.close(), app.close()]);
    await close().catch(() => undefined);
    await handle.close().catch(() => undefined);
    await drop?.().catch(() => undefined);
  }
});
