// The reconciler: polls GET /v1/oversight/pending so an email whose webhook was lost still appears,
// and re-checks open items missing from the list, which were decided outside Countersign. Each pass
// does bounded work with limited concurrency; what it could not reach is picked up by the next pass.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, reviewItems } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";
import type { PendingEmail } from "@/lib/multimail/schemas";
import { logger } from "@/lib/logger";
import { syncMailboxes } from "@/lib/inbox/sync-mailboxes";
import { applyEmail } from "./apply-email";
import { syncEmail } from "./sync-email";

const log = logger.child({ scope: "reconciler" });

export interface ReconcileOptions {
  /** Held emails applied per batch (new ones, changed ones, ones whose session link may have arrived). */
  maxApplies?: number;
  /**
   * Further batches run while the pass is younger than this, so a large backlog drains in a few passes;
   * short, because on PGlite (in-process) a long run of writes holds every request behind it.
   */
  passBudgetMs?: number;
  /** Open items missing from the pending list re-read per pass, least recently synced first. */
  maxChecks?: number;
  /** Requests to MultiMail in flight at once. */
  concurrency?: number;
  /**
   * An unlinked held email is re-read for late tags this long after its last read at the soonest;
   * after that the wait grows with how long it has been held (up to `relinkMaxMs`), since agents tag
   * within seconds of the send: a few reads per email, not one a minute for as long as it waits.
   */
  relinkAfterMs?: number;
  relinkMaxMs?: number;
}

export interface ReconcileReport {
  pending: number;
  added: number;
  decidedElsewhere: number;
  checked: number;
  matched: string[];
}

export async function reconcile(db: Db, client: MultiMailClient, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const { maxApplies = 200, passBudgetMs = 5_000, maxChecks = 50, concurrency = 4, relinkAfterMs = 60_000, relinkMaxMs = 3_600_000 } = options;
  const started = Date.now();
  await syncMailboxes(db, client).catch((error: unknown) => log.warn({ err: error }, "could not list mailboxes"));
  const pending = await client.listPending();
  const report: ReconcileReport = { pending: pending.length, added: 0, decidedElsewhere: 0, checked: 0, matched: [] };
  const pendingIds = pending.map((p) => p.id);

  const known = new Map<string, { status: string; itemId: string | null; linked: boolean; syncedAt: Date; heldAt: Date | null }>();
  for (const ids of chunks(pendingIds, 1000)) {
    const rows = await db
      .select({
        id: emails.id,
        status: emails.status,
        itemId: emails.itemId,
        syncedAt: emails.syncedAt,
        heldAt: reviewItems.heldAt,
        roomSid: reviewItems.roomSid,
        sessionId: reviewItems.sessionId,
      })
      .from(emails)
      .leftJoin(reviewItems, eq(reviewItems.id, emails.itemId))
      .where(inArray(emails.id, ids));
    for (const r of rows) known.set(r.id, { status: r.status, itemId: r.itemId, linked: Boolean(r.roomSid ?? r.sessionId), syncedAt: r.syncedAt, heldAt: r.heldAt });
  }
  const now = Date.now();
  // Every held email gets an item, whatever stored its row first; an unlinked one is re-read now and
  // then, since agents often tag an email after the send returned.
  const toApply = pending.filter((email) => {
    const k = known.get(email.id);
    if (!k || !k.itemId || k.status !== email.status) return true;
    return !k.linked && relinkDue(k, now, relinkAfterMs, relinkMaxMs);
  });
  // Batch by batch, so memory stays flat whatever the backlog; the time budget bounds the pass.
  for (let at = 0; at < toApply.length && (at === 0 || Date.now() - started < passBudgetMs); at += maxApplies) {
    await forEachLimit(toApply.slice(at, at + maxApplies), concurrency, async (email) => {
      try {
        const outcome =
          carriesLink(email) && email.mailboxId && known.get(email.id)?.itemId == null
            ? await applyEmail(db, email.mailboxId, email)
            : await syncEmail(db, client, { emailId: email.id, mailboxId: email.mailboxId });
        if (outcome.kind === "held") report.added += 1;
        if (outcome.kind === "revision_matched") report.matched.push(outcome.decisionId);
      } catch (error) {
        log.error({ err: error, emailId: email.id }, "could not apply a pending email");
      }
    });
  }

  // Open items MultiMail no longer lists: read each email to learn how it left (least recently synced first).
  const missing = await db
    .select({ emailId: reviewItems.currentEmailId, mailboxId: reviewItems.mailboxId })
    .from(reviewItems)
    .innerJoin(emails, eq(emails.id, reviewItems.currentEmailId))
    // One array parameter, not one per id: a pending list of 65k+ emails would pass PostgreSQL's parameter limit.
    .where(
      and(
        eq(reviewItems.state, "pending"),
        pendingIds.length ? sql`${reviewItems.currentEmailId} <> all(string_to_array(${pendingIds.join("\n")}, chr(10)))` : undefined,
      ),
    )
    .orderBy(asc(emails.syncedAt))
    .limit(maxChecks);
  await forEachLimit(missing, concurrency, async (item) => {
    try {
      const outcome = await syncEmail(db, client, { emailId: item.emailId, mailboxId: item.mailboxId });
      report.checked += 1;
      if (outcome.kind === "decided_elsewhere") report.decidedElsewhere += 1;
      // Remember the check even when MultiMail no longer knows the email, so the next pass moves on.
      if (outcome.kind === "not_found") await db.update(emails).set({ syncedAt: new Date() }).where(eq(emails.id, item.emailId));
    } catch (error) {
      log.warn({ err: error, emailId: item.emailId }, "could not re-check an open item");
    }
  });
  if (report.added || report.decidedElsewhere) log.info(report, "reconciled");
  return report;
}

/** Whether an unlinked held email is due a re-read: its wait since the last read at least the time it had been held by then (so reads double apart), within [after, max]. */
export function relinkDue(k: { syncedAt: Date; heldAt: Date | null }, now: number, afterMs: number, maxMs: number): boolean {
  const heldByLastRead = k.heldAt ? k.syncedAt.getTime() - k.heldAt.getTime() : 0;
  return now - k.syncedAt.getTime() >= Math.max(afterMs, Math.min(heldByLastRead, maxMs));
}

/** The pending list may carry the session link (tags, metadata); strict SPEC lists carry neither (§2.4). */
function carriesLink(email: PendingEmail): boolean {
  return email.metadata !== null || Object.keys(email.tags).length > 0;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

async function forEachLimit<T>(list: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    // On PGlite each statement waits a turn of the event loop (lib/db/pglite-client.ts), so a run of
    // applies with no request to MultiMail between them does not hold timers and sockets.
    while (next < list.length) await work(list[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, lane));
}
