// The reconciler: polls GET /v1/oversight/pending so an email whose webhook was lost still appears,
// and re-checks open items missing from the list, which were decided outside Countersign.
import { inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, reviewItems } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";
import { logger } from "@/lib/logger";
import { syncMailboxes } from "@/lib/inbox/sync-mailboxes";
import { applyEmail } from "./apply-email";
import { syncEmail } from "./sync-email";

const log = logger.child({ scope: "reconciler" });

export interface ReconcileReport {
  pending: number;
  added: number;
  decidedElsewhere: number;
  matched: string[];
}

export async function reconcile(db: Db, client: MultiMailClient): Promise<ReconcileReport> {
  await syncMailboxes(db, client).catch((error: unknown) => log.warn({ err: error }, "could not list mailboxes"));
  const pending = await client.listPending();
  const report: ReconcileReport = { pending: pending.length, added: 0, decidedElsewhere: 0, matched: [] };
  const pendingIds = new Set(pending.map((p) => p.id));

  const known = pending.length
    ? await db.select({ id: emails.id, status: emails.status }).from(emails).where(inArray(emails.id, [...pendingIds]))
    : [];
  const knownStatus = new Map(known.map((k) => [k.id, k.status]));
  for (const email of pending) {
    if (knownStatus.get(email.id) === email.status) continue;
    try {
      // The pending list carries the whole draft, so no extra GET is needed (§2.4).
      const outcome = email.mailboxId
        ? await applyEmail(db, email.mailboxId, email)
        : await syncEmail(db, client, { emailId: email.id });
      if (outcome.kind === "held") report.added += 1;
      if (outcome.kind === "revision_matched") report.matched.push(outcome.decisionId);
    } catch (error) {
      log.error({ err: error, emailId: email.id }, "could not apply a pending email");
    }
  }

  const open = await db
    .select({ id: reviewItems.id, emailId: reviewItems.currentEmailId, mailboxId: reviewItems.mailboxId })
    .from(reviewItems)
    .where(inArray(reviewItems.state, ["pending"]));
  for (const item of open) {
    if (pendingIds.has(item.emailId)) continue;
    try {
      const outcome = await syncEmail(db, client, { emailId: item.emailId, mailboxId: item.mailboxId });
      if (outcome.kind === "decided_elsewhere") report.decidedElsewhere += 1;
    } catch (error) {
      log.warn({ err: error, emailId: item.emailId }, "could not re-check an open item");
    }
  }
  if (report.added || report.decidedElsewhere) log.info(report, "reconciled");
  return report;
}
