// Background work of a Countersign instance: the reconciler and the decision outbox, each run by
// whichever instance holds its lease. Started once per process from instrumentation.ts.
import { randomUUID } from "node:crypto";
import { recordJobRun } from "@/lib/connect/job-runs";
import { getDb, getDbHandle } from "@/lib/db/client";
import { vacuumAnalyzeTables } from "@/lib/db/pglite-maintenance";
import { runExclusive } from "@/lib/db/lease";
import { env } from "@/lib/env";
import { runHooksPass } from "@/lib/hooks/run-hooks";
import { logger } from "@/lib/logger";
import { observeDecisions } from "@/lib/metrics/decision-latency";
import { outboxClient, isMultiMailConfigured, oversightClient, sendClient } from "@/lib/multimail/connection";
import { drainWebhookInbox } from "@/lib/review/ingest-multimail-webhook";
import { onOutboxKick } from "@/lib/review/outbox-signal";
import { reconcile } from "@/lib/review/reconcile";
import { findNearBreach } from "@/lib/review/sla";
import { runOutbox } from "@/lib/review/run-outbox";
import { purgeExpired } from "@/lib/retention/purge";

const log = logger.child({ scope: "worker" });
/** How often the hook outbox is looked at: a hook fires within a few seconds of its change. */
const HOOKS_INTERVAL_MS = 2_000;
/** How often PGlite's tables are vacuumed and analyzed (the first pass half a second after start). */
const PGLITE_MAINTENANCE_INTERVAL_MS = 60_000;
const holder = randomUUID();

type Global = { __countersignWorker?: boolean };
const g = globalThis as Global;

function loop(name: string, intervalMs: number, tick: () => Promise<unknown>): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const run = async () => {
    clearTimeout(timer);
    if (running) return;
    running = true;
    try {
      // One instance at a time runs each job; the lease is renewed while a pass runs (lib/db/lease.ts).
      await runExclusive(await getDb(), name, holder, intervalMs * 3 + 10_000, tick);
    } catch (error) {
      log.warn({ err: error, job: name }, "background job failed; will retry");
    } finally {
      running = false;
      timer = setTimeout(run, intervalMs);
      timer.unref();
    }
  };
  timer = setTimeout(run, 500);
  timer.unref();
  return () => void run();
}

export function startWorker(): void {
  if (g.__countersignWorker) return;
  const e = env();
  g.__countersignWorker = true;
  if (!e.BACKGROUND_WORKER) return;
  startHousekeeping(e.RETENTION_DAYS);
  if (!isMultiMailConfigured()) return;
  const clients = () => ({ oversight: outboxClient(), send: safeSendClient() });
  // The outbox loop also drains the durable webhook inbox: deliveries acknowledged but not yet applied.
  const kickOutbox = loop("outbox", e.OUTBOX_INTERVAL_MS, async () => {
    const db = await getDb();
    await recordJobRun(db, "outbox", async () => {
      await drainWebhookInbox(db, oversightClient());
      return { delivered: await runOutbox(db, clients()) };
    });
  });
  onOutboxKick(kickOutbox);
  loop("reconciler", e.RECONCILE_INTERVAL_MS, async () => {
    const db = await getDb();
    await recordJobRun(db, "reconciler", () => reconcile(db, oversightClient()));
    kickOutbox();
  });
  // Downstream hooks and Slack-compatible posts (lib/hooks): announce SLA near-breaches, deliver what is due.
  loop("hooks", HOOKS_INTERVAL_MS, async () => runHooksPass(await getDb(), findNearBreach));
  log.info({ reconcileMs: e.RECONCILE_INTERVAL_MS, outboxMs: e.OUTBOX_INTERVAL_MS }, "background worker started");
}

/** Jobs that need no MultiMail: decision-latency metrics and, when RETENTION_DAYS is set, the purge. */
function startHousekeeping(retentionDays: number | undefined): void {
  loop("metrics", 15_000, async () => observeDecisions(await getDb()));
  // PGlite has no autovacuum (lib/db/pglite-maintenance.ts): its tables are vacuumed and analyzed here.
  void getDbHandle().then(
    (handle) => handle.kind === "pglite" && loop("pglite-maintenance", PGLITE_MAINTENANCE_INTERVAL_MS, () => vacuumAnalyzeTables(handle.db)),
    () => undefined, // the other loops report a database that will not open
  );
  if (retentionDays === undefined) return;
  loop("retention", 10 * 60_000, async () => {
    const purged = await purgeExpired(await getDb(), retentionDays);
    if (purged.items > 0) log.info({ job: "retention", days: retentionDays, ...purged }, "purged bodies and transcripts past the retention period");
  });
}

function safeSendClient() {
  try {
    return sendClient();
  } catch {
    return null;
  }
}
