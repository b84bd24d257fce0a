// One pass of the outbox: deliver due decisions, then re-send revisions whose original is rejected.
import { and, asc, eq, isNull, lte, or, lt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, revisions } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";
import { logger } from "@/lib/logger";
import { deliverDecision } from "./deliver-decision";
import { resendRevision } from "./resend-revision";

const log = logger.child({ scope: "outbox" });

export async function runOutbox(db: Db, clients: { oversight: MultiMailClient; send: MultiMailClient | null }, batch = 20): Promise<number> {
  const now = new Date();
  const due = await db
    .select({ id: decisions.id })
    .from(decisions)
    .where(and(eq(decisions.delivery, "pending"), lte(decisions.nextAttemptAt, now), or(isNull(decisions.lockedUntil), lt(decisions.lockedUntil, now))))
    .orderBy(asc(decisions.nextAttemptAt))
    .limit(batch);
  let done = 0;
  for (const { id } of due) {
    try {
      const result = await deliverDecision(db, clients.oversight, id);
      if (result !== "busy") done += 1;
    } catch (error) {
      log.error({ err: error, decisionId: id }, "decision delivery crashed");
    }
  }
  if (!clients.send) return done;
  const resends = await db
    .select({ id: revisions.id })
    .from(revisions)
    .where(and(eq(revisions.resendState, "sending"), lte(revisions.nextAttemptAt, now), or(isNull(revisions.lockedUntil), lt(revisions.lockedUntil, now))))
    .limit(batch);
  for (const { id } of resends) {
    try {
      await resendRevision(db, clients.send, id);
      done += 1;
    } catch (error) {
      log.error({ err: error, revisionId: id }, "re-send crashed");
    }
  }
  return done;
}
