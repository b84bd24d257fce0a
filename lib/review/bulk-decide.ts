// Approves or rejects many held emails at once from the queue. Each email goes through the same
// lifecycle and gates as a single decision (decideEmail, one transaction per email): an email a gate
// refuses — a recipient to confirm, a stale draft to acknowledge, someone else's claim, four-eyes,
// already decided — is left out and listed with why; the others are recorded. One audit entry names
// the batch (who, what, how many) beside each email's own decision entry.
import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { reviewItems } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { BulkDecideResult, BulkItemResult, BulkItemStatus } from "./bulk-result";
import { BULK_LIMIT, type BulkDecideInput } from "./bulk-schemas";
import { resolveQueueSelection } from "./data";
import { decideEmail } from "./decide-email";

const log = logger.child({ scope: "bulk-decide" });

export interface BulkDecideRequest extends BulkDecideInput {
  actor: string;
  actorId?: string;
}

/** A refused decision, as the reviewer reads it in the bulk result. */
function classify(error: unknown): { status: BulkItemStatus; message: string } {
  if (!(error instanceof AppError)) return { status: "failed", message: "Could not be decided: something went wrong on our side (logged). Try it on its own page." };
  const details = error.details ?? {};
  if (details.needsRecipientConfirmation) return { status: "needs_confirmation", message: `${error.message} Open it to confirm.` };
  if (details.needsStaleAcknowledgement) return { status: "needs_acknowledgement", message: `${error.message} Open it to do so.` };
  if (details.claimedBy) return { status: "claimed", message: `${String(details.claimedBy)} is reviewing it right now.` };
  if (error.code === "forbidden") return { status: "four_eyes", message: error.message };
  if (error.code === "not_found") return { status: "not_found", message: error.message };
  if (error.code === "conflict" && details.state) return { status: "already_decided", message: error.message };
  if (error.code === "conflict") return { status: "changed", message: error.message };
  return { status: "failed", message: error.message };
}

/** Records each email's decision through decideEmail, one transaction each; never throws for one email's refusal. */
export async function bulkDecide(db: Db, request: BulkDecideRequest): Promise<BulkDecideResult> {
  const reason = request.action === "reject" ? (request.reason?.trim() ?? "") : "";
  if (request.action === "reject" && !reason) throw new AppError("validation", "Give a reason for the rejection.");

  let ids: string[];
  let capped = false;
  if ("ids" in request.selection) {
    ids = [...new Set(request.selection.ids)];
    if (ids.length > BULK_LIMIT) throw new AppError("validation", `At most ${BULK_LIMIT} emails at once.`);
  } else {
    // The filter is the selection: resolved now, to the held emails it matches at decision time.
    const resolved = await resolveQueueSelection(db, { ...request.selection.filter, state: "pending" }, BULK_LIMIT);
    ids = resolved.ids;
    capped = resolved.more;
  }
  if (ids.length === 0) throw new AppError("validation", "No held email matches this selection any more.");

  const subjects = new Map(
    (await db.select({ id: reviewItems.id, subject: reviewItems.subject }).from(reviewItems).where(inArray(reviewItems.id, ids))).map((r) => [r.id, r.subject]),
  );
  const results: BulkItemResult[] = [];
  for (const itemId of ids) {
    const subject = subjects.get(itemId) ?? "";
    if (!subjects.has(itemId)) {
      results.push({ itemId, subject, status: "not_found", message: "This email is not in the queue." });
      continue;
    }
    try {
      await decideEmail(db, {
        itemId,
        action: request.action,
        // The reason lands in MultiMail's own audit log, as for a single decision (actions.ts).
        reason: request.action === "approve" ? `Approved by ${request.actor} in Countersign (bulk)` : `${reason} (rejected by ${request.actor} in Countersign, bulk)`,
        actor: request.actor,
        actorId: request.actorId,
        // The gates refuse an email replaced since the reviewer saw it in the list.
        emailId: "ids" in request.selection ? request.selection.seen?.[itemId] : undefined,
      });
      results.push({ itemId, subject, status: "decided", message: null });
    } catch (error) {
      const outcome = classify(error);
      if (outcome.status === "failed") log.error({ err: error, itemId }, "bulk decision of one email failed");
      results.push({ itemId, subject, ...outcome });
    }
  }

  const decided = results.filter((r) => r.status === "decided");
  const leftOut = results.filter((r) => r.status !== "decided");
  await db.transaction((tx) =>
    appendAudit(tx, {
      actor: request.actor,
      action: "decision.bulk",
      details: {
        action: request.action,
        ...(reason ? { reason } : {}),
        selection: "ids" in request.selection ? "selected" : "filter",
        ...("filter" in request.selection ? { filter: request.selection.filter, capped } : {}),
        requested: ids.length,
        count: decided.length,
        decided: decided.map((r) => r.itemId),
        leftOut: leftOut.map((r) => ({ itemId: r.itemId, status: r.status })),
      },
    }),
  );
  return { action: request.action, requested: ids.length, decided: decided.length, capped, results };
}
