// The server side of the stale gate: a held email whose contact wrote in or called again after it
// was written is approved only with an explicit acknowledgement, which the audit log keeps. The
// check runs on what is stored now, so a reply that arrived after the page loaded still counts.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { findStaleHolds } from "./find-stale-holds";
import type { NewerActivity } from "./schemas";

export function describeNewer(n: NewerActivity): string {
  return n.kind === "reply" ? `${n.from} wrote in (“${n.subject || "no subject"}”)` : `${n.caller} called again`;
}

export async function assertStaleAcknowledged(db: Db, input: { itemId: string; acknowledgeStale?: boolean; actor?: string }): Promise<void> {
  const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, input.itemId));
  if (!item) return; // the decision itself reports the missing item
  const stale = (await findStaleHolds(db, [item])).get(item.id);
  if (!stale) return;
  const first = stale.newer[0]!;
  if (!input.acknowledgeStale) {
    throw new AppError(
      "validation",
      `This draft is stale: ${describeNewer(first)} after it was written. Read the newer ${first.kind === "reply" ? "message" : "call"}, then acknowledge it to approve.`,
      { needsStaleAcknowledgement: true },
    );
  }
  await appendAudit(db, {
    actor: input.actor ?? "reviewer",
    action: "stale.acknowledged",
    itemId: item.id,
    emailId: item.currentEmailId,
    details: { draftedAt: stale.draftedAt.toISOString(), newer: stale.newer },
  });
}
