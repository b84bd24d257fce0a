// Sections 2 (through Next), 5 and 6 on the production build: `next start` with e2e's environment,
// the emulator, and one database (PostgreSQL or PGlite). Resident memory of the server's process
// tree at idle, at its peak under the webhook load, just after it and a while after; the webhook route
// against the bare handler on the same database, with held emails (synced after the answer) and with
// an event it only records (acknowledge only), and GET /api/health (an App Router handler doing
// almost nothing: what Next spends around one); then webhook → row visible in an open queue; last, a second
// `next start` under the V8 profiler (node --cpu-prof) taking the acknowledge-only load, then held
// emails synced after each answer: where the CPU of each goes, by owner (Next, Countersign, the
// database client, …).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { openPglite } from "@/lib/db/client";
import { breakdownOfProfileFile, type CpuBreakdown } from "./support/cpu-profile";
import { DEMO_KEYS, DEMO_MAILBOXES, sendHeldMany } from "./support/emulator-mail";
import { startNextApp, type NextApp } from "./support/next-app";
import { createDatabase, ignorePoolErrors } from "./support/postgres";
import { rssOf, startEmulatorProcess, treeRss } from "./support/processes";
import { measureRealtime, type RealtimeResult } from "./support/realtime";
import { progress, runSection } from "./support/section";
import { startBareServer, type RawQuery } from "./support/webhook-servers";
import { runLoad, type LoadInput, type LoadResult } from "./support/webhook-load";

export interface ServerInput {
  db: "postgres" | "pglite";
  /** A snapshot of the production build (support/build-snapshot.ts). */
  appRoot: string;
  adminUrl?: string;
  requests: number;
  warmup: number;
  /** Untimed requests to each handler before the first phase; the synced webhook gets at most 300 (each needs a held email). */
  warmupFirst: number;
  concurrency: number;
  rounds: number;
  settleMs: number;
  /** When the reading after the load starts, and how long it lasts (one sample a second). */
  afterLoadWaitMs: number;
  afterLoadWindowMs: number;
  realtimeSamples: number;
  /** Acknowledge-only requests timed under the profiler (0: no profiled run). */
  profileRequests: number;
  /** Then held-email webhooks, each synced after its answer, under the same profiler (0: none). */
  profileSyncRequests: number;
}

export interface ServerOutput {
  db: "postgres" | "pglite";
  /**
   * later: the median of one reading a second from laterAfterMs to laterAfterMs + laterWindowMs after
   * the load (a reconciler pass every 30 s lifts RSS while it runs, whatever the load left: a single
   * reading landed on one or not); laterMin and laterMax beside it.
   */
  rss: {
    idle: number;
    peak: number;
    afterLoad: number;
    later: number;
    laterMin: number;
    laterMax: number;
    laterAfterMs: number;
    laterWindowMs: number;
    processes: { command: string; rss: number }[];
  };
  /** next: held emails, synced after the answer; ack: an event the route records but does not sync (acknowledge only); health: GET /api/health. */
  ingest: { bare: LoadResult[]; next: LoadResult[]; ack: LoadResult[]; health: LoadResult[]; bareDatabase: string };
  realtime: RealtimeResult;
  /** The acknowledge-only load on a `next start` under the V8 profiler (slower than unprofiled: read its shares, not its rate). */
  ackProfile?: ProfiledLoad;
  /** Then held emails, each synced after its answer, on the same profiled server (the window runs until it is quiet). */
  syncProfile?: ProfiledLoad;
}

type ProfiledLoad = { cpu: CpuBreakdown & { samples: number }; result: LoadResult } | { skipped: string };

type Target = "bare" | "next" | "ack" | "health";

/** An event name Countersign records and marks processed without a sync (its kind is "unknown"): the route's acknowledge-only path. */
const UNSYNCED_EVENT = "message.opened";

runSection<ServerInput, ServerOutput>(async (input) => {
  const emulator = await startEmulatorProcess();
  const cleanups: (() => Promise<unknown>)[] = [() => emulator.close()];
  try {
    // The app's database, and the bare handler's raw queries on the same one (PGlite allows one
    // process per data directory, so there the bare handler gets an in-memory PGlite of its own).
    let database: { url?: string; pgliteDir?: string };
    let query: RawQuery;
    let bareDatabase: string;
    if (input.db === "postgres") {
      const created = await createDatabase(input.adminUrl!, "server");
      cleanups.push(created.drop);
      database = { url: created.url };
      const { Pool } = await import("pg");
      const pool = new Pool({ connectionString: created.url, max: 10 });
      ignorePoolErrors(pool);
      cleanups.unshift(() => pool.end());
      query = (text, params) => pool.query(text, params);
      bareDatabase = "the app's PostgreSQL database";
    } else {
      const dir = path.resolve(`.data/bench/${process.pid}-pglite`);
      rmSync(dir, { recursive: true, force: true });
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
      database = { pgliteDir: dir };
      const own = await openPglite(undefined);
      cleanups.unshift(() => own.close());
      const client = (own.db as unknown as { $client: { query(text: string, params: unknown[]): Promise<unknown> } }).$client;
      query = (text, params) => client.query(text, params);
      bareDatabase = "an in-memory PGlite in the bench process (the app's data directory is locked to it)";
    }
    const app = await startNextApp(input.appRoot, emulator.url, database);
    cleanups.unshift(() => app.close());
    const pid = app.child.pid!;
    progress(`${input.db}: next start ready at ${app.url}`);
    await new Promise((r) => setTimeout(r, input.settleMs));
    const idle = treeRss(pid);

    // One held email per webhook, so each delivery is a real one the app syncs after acknowledging it.
    const perPhase = input.warmup + input.requests;
    const warmNext = Math.min(300, input.warmupFirst);
    const held = await sendHeldMany(emulator.url, warmNext + input.rounds * perPhase, `Bench ${randomUUID().slice(0, 8)}`);
    progress(`${input.db}: ${held.length} held emails in the emulator`);
    const bare = await startBareServer(query, DEMO_KEYS.webhookSecret);
    cleanups.unshift(() => bare.close());

    // Each phase of the webhook route names its own held emails (warm-up requests included).
    let heldNext = 0;
    const phase = (target: Target, requests: number, warmup: number, ids?: string[]): LoadInput => {
      const emailIds = target === "next" ? (ids ?? held.slice(heldNext, (heldNext += warmup + requests))) : undefined;
      return {
        url: target === "bare" ? bare.url : target === "health" ? `${app.url}/api/health` : `${app.url}/api/webhooks/multimail`,
        method: target === "health" ? "GET" : "POST",
        secret: DEMO_KEYS.webhookSecret,
        requests,
        warmup,
        concurrency: input.concurrency,
        prefix: `01BENCHBARE${randomUUID().slice(0, 8)}`,
        mailboxId: DEMO_MAILBOXES.followups,
        quietPid: pid,
        // The bare handler is this process (alone: the load client is its child); Next is its process tree.
        cpu: target === "bare" ? { pid: process.pid, tree: false } : { pid, tree: true },
        ...(emailIds ? { emailIds } : {}),
        ...(target === "ack" ? { event: UNSYNCED_EVENT } : {}),
      };
    };
    // Untimed first phases for each (JIT, pools, caches), then short timed phases in rotating order.
    const targets: Target[] = ["bare", "next", "ack", "health"];
    const order: Target[] = Array.from({ length: input.rounds }, (_, r) => targets.map((_, k) => targets[(r + k) % targets.length]!)).flat();
    const phases = [...targets.map((t) => phase(t, t === "next" ? warmNext : input.warmupFirst, 0)), ...order.map((t) => phase(t, input.requests, input.warmup))];
    // The tree is known from the idle reading: sampling those pids alone keeps the sampler's own cost
    // (scanning /proc) out of the bare handler's CPU figure, which this process also runs.
    const pids = idle.processes.map((p) => p.pid);
    let peak = idle.total;
    const sampler = setInterval(
      () =>
        (peak = Math.max(
          peak,
          pids.reduce((n, p) => n + rssOf(p), 0),
        )),
      250,
    );
    const results = await runLoad(phases).finally(() => clearInterval(sampler));
    const afterLoad = treeRss(pid);
    const ingest: ServerOutput["ingest"] = { bare: [], next: [], ack: [], health: [], bareDatabase };
    order.forEach((target, i) => ingest[target].push(results[i + targets.length]!));
    for (const target of targets) {
      progress(
        `${input.db} ${target}: ${ingest[target].map((r) => `${Math.round(r.perSecond)}/s p99 ${r.latency.p99.toFixed(0)} ms ${JSON.stringify(r.statuses)}`).join(", ")}`,
      );
    }
    progress(
      `${input.db}: RSS idle ${(idle.total / 2 ** 20).toFixed(0)} MB, peak ${(peak / 2 ** 20).toFixed(0)} MB, after load ${(afterLoad.total / 2 ** 20).toFixed(0)} MB; waiting ${input.afterLoadWaitMs / 1000} s`,
    );
    await new Promise((r) => setTimeout(r, input.afterLoadWaitMs));
    const readings: number[] = [];
    for (const end = Date.now() + input.afterLoadWindowMs; readings.length === 0 || Date.now() < end;) {
      readings.push(pids.reduce((n, p) => n + rssOf(p), 0));
      await new Promise((r) => setTimeout(r, 1_000));
    }
    readings.sort((a, b) => a - b);
    const later = readings[Math.floor(readings.length / 2)]!;

    const realtime = input.realtimeSamples > 0 ? await measureRealtime(app.url, emulator.url, input.realtimeSamples) : { skipped: "not asked for (--realtime=0)" };
    if ("summary" in realtime)
      progress(
        `${input.db}: realtime median ${realtime.summary.p50.toFixed(0)} ms, p95 ${realtime.summary.p95.toFixed(0)} ms` +
          (realtime.firstEvent ? `; first change event median ${realtime.firstEvent.p50.toFixed(0)} ms` : ""),
      );

    // The profiled server replaces the measured one (PGlite's data directory takes one process). A
    // failure here loses only the profile, not the figures above.
    const profiles: Pick<ServerOutput, "ackProfile" | "syncProfile"> =
      input.profileRequests > 0
        ? await profileServer(input, app, emulator.url, database, phase).catch((error: unknown) => ({
            ackProfile: { skipped: `the profiled run failed: ${String(error)}` },
          }))
        : { ackProfile: { skipped: "not asked for (--profile=0)" } };
    for (const [label, profile] of [
      ["acknowledge-only", profiles.ackProfile],
      ["synced", profiles.syncProfile],
    ] as const) {
      if (profile && "cpu" in profile)
        progress(`${input.db}: profiled ${label} load: ${profile.cpu.byArea.map((a) => `${a.area} ${(a.share * 100).toFixed(0)}%`).join(", ")}`);
    }
    return {
      db: input.db,
      rss: {
        idle: idle.total,
        peak,
        afterLoad: afterLoad.total,
        later,
        laterMin: readings[0]!,
        laterMax: readings.at(-1)!,
        laterAfterMs: input.afterLoadWaitMs,
        laterWindowMs: input.afterLoadWindowMs,
        processes: idle.processes.map((p) => ({ command: p.command, rss: p.rss })),
      },
      ingest,
      realtime,
      ...profiles,
    };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
});

/**
 * A second `next start` under `node --cpu-prof` (after `app` is stopped) takes the acknowledge-only
 * load, then held-email webhooks synced after each answer; each profile window, by owner.
 */
async function profileServer(
  input: ServerInput,
  app: NextApp,
  emulatorUrl: string,
  database: { url?: string; pgliteDir?: string },
  phase: (target: Target, requests: number, warmup: number, emailIds?: string[]) => LoadInput,
): Promise<Pick<ServerOutput, "ackProfile" | "syncProfile">> {
  await app.close();
  const dir = mkdtempSync(path.join(tmpdir(), "countersign-bench-cpuprof-"));
  try {
    const profiled = await startNextApp(input.appRoot, emulatorUrl, database, {
      nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=250"],
      createUser: false,
    });
    const pid = profiled.child.pid!;
    const on = (load: LoadInput): LoadInput => ({ ...load, url: `${profiled.url}/api/webhooks/multimail`, quietPid: pid, cpu: { pid, tree: true } });
    // Each timed load's window on the clock V8 stamps its samples with (process.hrtime).
    const timed = async (load: LoadInput) => {
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      const [result] = await runLoad([load]);
      return { result: result!, window: { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) } };
    };
    try {
      await runLoad([on(phase("ack", input.warmupFirst, 0))]);
      const ack = await timed(on(phase("ack", input.profileRequests, input.warmup)));
      // Emails held just now (the reconciler has applied the earlier ones by now, and a webhook for a
      // known email is less work); the load waits until the server is quiet, so the window holds every sync.
      const fresh = input.profileSyncRequests > 0 ? await sendHeldMany(emulatorUrl, input.profileSyncRequests, `Profiled ${randomUUID().slice(0, 8)}`) : [];
      const sync = fresh.length > 0 ? await timed(on(phase("next", fresh.length, 0, fresh))) : null;
      await profiled.close(); // Node writes the profile as the server exits
      const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
      if (!file) return { ackProfile: { skipped: "next start exited without writing its CPU profile" } };
      const read = ({ result, window }: { result: LoadResult; window: { fromUs: number; toUs: number } }): ProfiledLoad => {
        const cpu = breakdownOfProfileFile(path.join(dir, file), window);
        return cpu.samples > 0 ? { cpu, result } : { skipped: "no sample of the profile fell in the timed phase" };
      };
      return { ackProfile: read(ack), syncProfile: sync ? read(sync) : { skipped: "not asked for (--profile-sync=0)" } };
    } finally {
      await profiled.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
