// `npm run bench`: one run, one report. Queue reads at several sizes, webhook ingest against a bare
// handler, the reconciler with a backlog, first-load JS against budgets, the server's memory and
// realtime latency, each figure a ratio against a baseline measured in the same run; and a reviewer
// deciding 100 emails by keyboard in Chromium (keys per decision, key → next email). Prints markdown
// to stdout and writes bench/results/report.md and report.json. Sections run in processes of their
// own (bench/*.ts); PostgreSQL is a throwaway cluster unless BENCH_DATABASE_URL is set.
//
//   npm run bench                         # PostgreSQL 10k and 100k, PGlite 10k, 10k backlog, next start, keyboard
//   npm run bench -- --quick              # CI size, under 2 minutes, no next start (so no keyboard triage)
//   npm run bench -- --sizes=10000,100000,1000000 --db=postgres,pglite
//
// Exits 1 only when a figure is far off target (queue p95 and p50 ratios both > 3 on PostgreSQL, or
// in-process ingest throughput ratio < 0.2: bench/report.ts GATES) twice in a row (a failing section is
// measured once more), or a section failed; the rest is reported.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { measureBundles } from "@/bench/bundle";
import type { IngestInput, IngestOutput } from "@/bench/ingest";
import type { KeyboardInput, KeyboardResult } from "@/bench/keyboard";
import type { QueueInput, QueueOutput } from "@/bench/queue";
import type { ReconcileInput, ReconcileOutput } from "@/bench/reconcile";
import { checksOf, renderMarkdown, type Results } from "@/bench/report";
import type { ServerInput, ServerOutput } from "@/bench/server";
import { snapshotBuild, type BuildSnapshot } from "@/bench/support/build-snapshot";
import { runChild } from "@/bench/support/child";
import { startPostgres, type PostgresServer } from "@/bench/support/postgres";

const SECTIONS = ["queue", "ingest", "reconcile", "bundle", "server", "keyboard"] as const;
type Section = (typeof SECTIONS)[number];
type DbKind = "postgres" | "pglite";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    "pglite-sizes": { type: "string" },
    db: { type: "string" },
    sections: { type: "string" },
    iterations: { type: "string" },
    requests: { type: "string" },
    rounds: { type: "string" },
    concurrency: { type: "string" },
    backlog: { type: "string" },
    "reconcile-stored": { type: "string" },
    realtime: { type: "string" },
    profile: { type: "string" },
    "profile-sync": { type: "string" },
    "after-load-wait": { type: "string" },
    "after-load-window": { type: "string" },
    keyboard: { type: "string" },
    out: { type: "string", default: "bench/results" },
    help: { type: "boolean", default: false },
  },
  strict: true,
});

if (flags.help) {
  process.stdout.write(`npm run bench -- [flags]            defaults (--quick)
  --quick                          CI size: small sizes, no next start (server, keyboard), under 2 minutes
  --db=postgres,pglite             databases to run on
  --sizes=10000,100000             queue sizes on PostgreSQL (2000,20000)
  --pglite-sizes=10000             queue sizes on PGlite (none; with --sizes: those ≤ 200k)
  --sections=${SECTIONS.join(",")}
  --iterations=60                  timed rounds of the queue reads (30)
  --requests=500 --rounds=10       ingest: requests per phase, phases per handler (200, 6; next start: 500, 4)
  --concurrency=16                 ingest requests in flight
  --backlog=10000                  held emails for the reconciler (1000)
  --reconcile-stored=0             stored emails under the reconciler's backlog
  --realtime=20                    webhook → row samples in Chromium (0: none)
  --profile=2000                   acknowledge-only webhooks to a second next start under the V8 profiler (0: none)
  --profile-sync=300               then held-email webhooks (each synced after its answer) to the same profiled server (0: none)
  --after-load-wait=30             seconds after the load when the RSS reading starts
  --after-load-window=30           seconds it lasts (one sample a second; the median is the figure)
  --keyboard=100                   held emails decided by keyboard (keyboard triage needs next start: not in --quick)
  --out=bench/results              where report.md and report.json go
See README.md "Benchmarks".\n`);
  process.exit(0);
}

const quick = flags.quick;
const list = (value: string | undefined, fallback: number[]) => (value ? value.split(",").map((v) => Number(v.replace(/_/g, ""))) : fallback);
const int = (value: string | undefined, normal: number, small: number) => (value !== undefined ? Number(value) : quick ? small : normal);
const dbs = (flags.db ?? "postgres,pglite").split(",") as DbKind[];
// next start with Chromium (server, keyboard) takes minutes: not in --quick.
const sections = new Set((flags.sections ?? SECTIONS.filter((s) => !(quick && (s === "server" || s === "keyboard"))).join(",")).split(",") as Section[]);
const pgSizes = list(flags.sizes, quick ? [2_000, 20_000] : [10_000, 100_000]);
// PGlite holds everything in this machine's memory: up to 200k unless asked for explicitly.
// --quick leaves PGlite's queue out (one size gives no ratio, and its gate is PostgreSQL's).
const pgliteSizes = list(flags["pglite-sizes"], flags.sizes ? pgSizes.filter((s) => s <= 200_000) : quick ? [] : [10_000]);
const ingest = {
  requests: int(flags.requests, 500, 200),
  rounds: int(flags.rounds, 10, 6),
  concurrency: int(flags.concurrency, 16, 16),
  warmup: 50,
  warmupFirst: quick ? 300 : 1000,
};

const say = (line: string) => process.stderr.write(`\n== ${line}\n`);
const commit = (() => {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${sha} (with uncommitted changes in the tree)` : sha;
  } catch {
    return "unknown";
  }
})();

const started = Date.now();
const results: Results = {
  run: {
    startedAt: new Date(started).toISOString(),
    seconds: 0,
    commit,
    node: process.version,
    cpus: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAtStart: loadavg(),
    loadAtEnd: [],
    flags: process.argv.slice(2).join(" "),
    postgres: null,
    build: null,
    sections: [],
  },
  queue: [],
  ingest: [],
  reconcile: [],
  bundle: null,
  server: [],
  keyboard: null,
  skipped: [],
  retried: [],
  errors: [],
};

let postgres: PostgresServer | null = null;
let snapshot: BuildSnapshot | null = null;
// Ctrl-C or a CI timeout: exit, so the exit hooks stop the cluster and the sections (support/child.ts, postgres.ts).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => process.exit(130));
process.once("exit", () => snapshot?.remove());
const runDbs: DbKind[] = [];
/** Gated sections, measured once more when a gate fails: a burst of someone else's load must fail two runs in a row to fail ours. */
const retries = new Map<string, () => Promise<void>>();

async function attempt<T>(label: string, work: () => Promise<T>): Promise<T | null> {
  say(label);
  const began = Date.now();
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.errors.push(`${label}: ${message.split("\n")[0]}`);
    process.stderr.write(`${label} failed: ${message}\n`);
    return null;
  } finally {
    results.run.sections.push({ label, seconds: (Date.now() - began) / 1000 });
  }
}

try {
  if (dbs.includes("postgres")) {
    try {
      postgres = startPostgres();
    } catch (error) {
      results.errors.push(`could not start PostgreSQL: ${(error as Error).message.split("\n")[0]}`);
    }
    if (postgres) {
      results.run.postgres = postgres.description;
      runDbs.push("postgres");
    } else if (!results.errors.length) results.skipped.push("PostgreSQL: no server under /usr/lib/postgresql and no BENCH_DATABASE_URL");
  }
  if (dbs.includes("pglite")) runDbs.push("pglite");
  const adminUrl = postgres?.url;

  if (sections.has("queue")) {
    for (const db of runDbs) {
      const sizes = db === "postgres" ? pgSizes : pgliteSizes;
      if (sizes.length === 0) continue;
      const input: QueueInput = { db, adminUrl, sizes, iterations: int(flags.iterations, 60, 30), warmup: 3 };
      const measure = () => runChild<QueueOutput>("bench/queue.ts", input, { timeoutMs: 3 * 60 * 60_000 });
      const out = await attempt(`Queue reads on ${db} at ${sizes.join(", ")}`, measure);
      if (out) results.queue.push(out);
      retries.set(`queue ${db}`, async () => {
        const again = await attempt(`Queue reads on ${db}, again`, measure);
        if (again) results.queue = results.queue.map((q) => (q.db === db ? again : q));
      });
    }
  }
  if (sections.has("ingest")) {
    for (const db of runDbs) {
      const input: IngestInput = { db, adminUrl, ...ingest, profile: true };
      const measure = () => runChild<IngestOutput>("bench/ingest.ts", input, { timeoutMs: 30 * 60_000 });
      const out = await attempt(`Webhook ingest in-process on ${db}`, measure);
      if (out) results.ingest.push(out);
      retries.set(`ingest ${db}`, async () => {
        const again = await attempt(`Webhook ingest in-process on ${db}, again`, measure);
        if (again) results.ingest = results.ingest.map((i) => (i.db === db ? again : i));
      });
    }
  }
  if (sections.has("reconcile") && runDbs.length) {
    // One database is enough to see the reconciler's shape; PostgreSQL when there is one.
    const db = runDbs[0]!;
    const input: ReconcileInput = { db, adminUrl, backlog: int(flags.backlog, 10_000, 1_000), stored: int(flags["reconcile-stored"], 0, 0) };
    const out = await attempt(`Reconciler on ${db} with a backlog of ${input.backlog}`, () =>
      runChild<ReconcileOutput>("bench/reconcile.ts", input, { timeoutMs: 60 * 60_000 }),
    );
    if (out) results.reconcile.push(out);
  }
  if (sections.has("bundle") || sections.has("server") || sections.has("keyboard")) {
    snapshot = await snapshotBuild();
    results.run.build = snapshot ? `${snapshot.buildId} (copied at the start of the run)` : null;
  }
  if (sections.has("bundle")) {
    say("Bundle");
    results.bundle = snapshot ? measureBundles(snapshot.root) : { skipped: "no complete production build (.next/BUILD_ID); run `npm run build` first" };
  }
  if (sections.has("server")) {
    if (!snapshot) results.skipped.push("next start (ingest through Next, server memory, realtime): no complete production build; run `npm run build` first");
    else {
      for (const db of runDbs) {
        const input: ServerInput = {
          db,
          adminUrl,
          appRoot: snapshot.root,
          requests: int(flags.requests, 500, 200),
          warmup: 50,
          warmupFirst: 1000,
          concurrency: ingest.concurrency,
          rounds: int(flags.rounds, 4, 2),
          settleMs: quick ? 3_000 : 10_000,
          afterLoadWaitMs: Number(flags["after-load-wait"] ?? 30) * 1000,
          afterLoadWindowMs: Number(flags["after-load-window"] ?? 30) * 1000,
          realtimeSamples: int(flags.realtime, 20, 5),
          profileRequests: int(flags.profile, 2000, 500),
          profileSyncRequests: int(flags["profile-sync"], 300, 100),
        };
        const out = await attempt(`next start on ${db}: ingest through Next, memory, realtime`, () =>
          runChild<ServerOutput>("bench/server.ts", input, { timeoutMs: 30 * 60_000 }),
        );
        if (out) results.server.push(out);
      }
    }
  }
  if (sections.has("keyboard")) {
    if (!snapshot) {
      const why = "no complete production build; run `npm run build` first";
      results.keyboard = { skipped: why };
      results.skipped.push(`Keyboard triage: ${why}`);
    } else {
      // PGlite, the default deployment's database: the figures are the page's, not the database's.
      const input: KeyboardInput = { appRoot: snapshot.root, emails: Number(flags.keyboard ?? 100) };
      const out = await attempt(`Keyboard triage: ${input.emails} emails on next start (PGlite, Chromium)`, () =>
        runChild<KeyboardResult>("bench/keyboard.ts", input, { timeoutMs: 30 * 60_000 }),
      );
      if (out) results.keyboard = out;
      if (out && "skipped" in out) results.skipped.push(`Keyboard triage: ${out.skipped}`);
    }
  }
  for (const check of checksOf(results).filter((c) => c.gate?.failed)) {
    const key = `${check.section} ${check.db}`;
    const retry = retries.get(key);
    if (!retry) continue;
    retries.delete(key);
    results.retried.push(
      `${check.what} was ${check.value.toPrecision(3)}× (limit ${check.gate!.limit}) in the first measurement; ${check.section} on ${check.db} was measured again, and this report shows the second measurement.`,
    );
    await retry();
  }
} finally {
  snapshot?.remove();
  postgres?.stop();
}

results.run.seconds = (Date.now() - started) / 1000;
results.run.loadAtEnd = loadavg();
const checks = checksOf(results);
const markdown = renderMarkdown(results, checks);
mkdirSync(flags.out!, { recursive: true });
writeFileSync(path.join(flags.out!, "report.md"), markdown);
writeFileSync(path.join(flags.out!, "report.json"), `${JSON.stringify({ ...results, checks }, null, 2)}\n`);
process.stdout.write(markdown);
process.stderr.write(`\nWrote ${path.join(flags.out!, "report.md")} and report.json.\n`);
process.exit(checks.some((c) => c.gate?.failed) || results.errors.length ? 1 : 0);
