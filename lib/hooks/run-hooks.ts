// One pass of the hook worker (lib/worker.ts, one instance at a time under its lease): announce held
// emails near their mailbox's SLA to its Slack-compatible target, then deliver what is due.
import type { Db } from "@/lib/db/client";
import { publishChange } from "@/lib/realtime/events";
import { deliverDueHooks } from "./deliver";
import { enqueueSlackNearBreach } from "./enqueue";

/** The SLA's finder (lib/review/sla.ts findNearBreach): returns each item once, marking it as it does. */
export type FindNearBreach = (tx: Db, now: Date, limit: number) => Promise<{ id: string; mailboxId: string; subject: string; dueAt: Date }[]>;

const BATCH = 100;

/**
 * The finder marks what it returns; running it in the transaction that queues the posts means a
 * crash between the two neither loses an announcement nor sends one twice.
 */
export async function announceNearBreaches(db: Db, findNearBreach: FindNearBreach, now = new Date()): Promise<number> {
  let queued = 0;
  for (let round = 0; round < 10; round++) {
    const found = await db.transaction(async (tx) => {
      const items = await findNearBreach(tx, now, BATCH);
      for (const item of items) {
        queued += await enqueueSlackNearBreach(tx, item, now);
        // Open dashboards show it too (and notify reviewers who turned browser notifications on).
        await publishChange(tx, { type: "item.near_breach", itemId: item.id, mailboxId: item.mailboxId });
      }
      return items.length;
    });
    if (found < BATCH) break;
  }
  return queued;
}

export async function runHooksPass(db: Db, findNearBreach: FindNearBreach | null): Promise<void> {
  if (findNearBreach) await announceNearBreaches(db, findNearBreach);
  await deliverDueHooks(db);
}
