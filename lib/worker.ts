// Background work of a Countersign instance: the reconciler and the decision outbox, each run by
// whichever instance holds its lease. Started once per process from instrumentation.ts.
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { acquireLease } from "@/lib/db/lease";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { isMultiMailConfigured, oversightClient, sendClient } from "@/lib/multimail/connection";
import { reconcile } from "@/lib/review/reconcile";
import { runOutbox } from "@/lib/review/run-outbox";

const log = logger.child({ scope: "worker" });
const holder = randomUUID();

type Global = { __countersignWorker?: { kick(): void } };
const g = globalThis as Global;

function loop(name: string, intervalMs: number, tick: () => Promise<unknown>): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const run = async () => {
    clearTimeout(timer);
    if (running) return;
    running = true;
    try {
      const db = await getDb();
      if (await acquireLease(db, name, holder, intervalMs * 3 + 10_000)) await tick();
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
  if (!e.BACKGROUND_WORKER || !isMultiMailConfigured()) {
    g.__countersignWorker = { kick: () => undefined };
    return;
  }
  const clients = () => ({ oversight: oversightClient(), send: safeSendClient() });
  const kickOutbox = loop("outbox", e.OUTBOX_INTERVAL_MS, async () => runOutbox(await getDb(), clients()));
  loop("reconciler", e.RECONCILE_INTERVAL_MS, async () => {
    await reconcile(await getDb(), oversightClient());
    kickOutbox();
  });
  g.__countersignWorker = { kick: kickOutbox };
  log.info({ reconcileMs: e.RECONCILE_INTERVAL_MS, outboxMs: e.OUTBOX_INTERVAL_MS }, "background worker started");
}

/** Asks the outbox to run now (after a decision or a matched re-send) instead of at its next tick. */
export function kickOutbox(): void {
  g.__countersignWorker?.kick();
}

function safeSendClient() {
  try {
    return sendClient();
  } catch {
    return null;
  }
}
