// Reads for admins of what needs attention: webhook deliveries acknowledged but not applied yet (the
// durable inbox the worker drains), decisions MultiMail refused, and items back with reviewers with a
// reason. Each is keyset-paged on an index: webhook_deliveries_unprocessed_idx (next_attempt_at where
// not processed), decisions_outbox_idx (delivery, …) and review_items_queue_idx (state, held_at, id).
import "server-only";
import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, emails, reviewItems, webhookDeliveries } from "@/lib/db/schema";
import type { AttentionItemRow, AttentionList, RefusedDecisionRow, WebhookBacklogRow } from "./schemas";

export interface AttentionParams {
  /** From the previous page's nextCursor. */
  cursor?: string | null;
  limit?: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

/**
 * A cursor keeps the sort key as PostgreSQL prints it: timestamps stored by `now()` carry microseconds,
 * which a JavaScript Date would round away (and then skip or repeat rows at a page boundary).
 */
function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string | null | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!at || !id || !/^[0-9a-f-]{36}$/i.test(id) || !/^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)?$/.test(at)) return null;
  return { at, id };
}

const limitOf = (params: AttentionParams) => Math.min(Math.max(1, Math.trunc(params.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);

function page<R extends { id: string; cursorAt: string }, T>(rows: R[], limit: number, map: (row: R) => T): AttentionList<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { rows: shown.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last.cursorAt, last.id) : null };
}

/** Deliveries recorded and acknowledged but not applied yet, the next one due first. */
export async function listWebhookBacklog(db: Db, params: AttentionParams = {}): Promise<AttentionList<WebhookBacklogRow>> {
  const limit = limitOf(params);
  const after = decodeCursor(params.cursor);
  const keyset: SQL | undefined = after ? sql`(${webhookDeliveries.nextAttemptAt}, ${webhookDeliveries.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined;
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      emailId: webhookDeliveries.subjectId,
      itemId: emails.itemId,
      attempts: webhookDeliveries.attempts,
      lastError: webhookDeliveries.error,
      receivedAt: webhookDeliveries.receivedAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      cursorAt: sql<string>`${webhookDeliveries.nextAttemptAt}::text`,
    })
    .from(webhookDeliveries)
    .leftJoin(emails, eq(emails.id, webhookDeliveries.subjectId))
    .where(and(isNull(webhookDeliveries.processedAt), keyset))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(limit + 1);
  return page(rows, limit, (r) => ({
    id: r.id,
    eventType: r.eventType,
    emailId: r.emailId,
    itemId: r.itemId,
    attempts: r.attempts,
    lastError: r.lastError,
    receivedAt: r.receivedAt.toISOString(),
    nextAttemptAt: r.nextAttemptAt.toISOString(),
  }));
}

/** Decisions MultiMail refused while it still held the email (deliver-decision.ts), newest first. */
export async function listRefusedDecisions(db: Db, params: AttentionParams = {}): Promise<AttentionList<RefusedDecisionRow>> {
  const limit = limitOf(params);
  const after = decodeCursor(params.cursor);
  const keyset: SQL | undefined = after ? sql`(${decisions.createdAt}, ${decisions.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined;
  const rows = await db
    .select({
      id: decisions.id,
      itemId: decisions.itemId,
      emailId: decisions.emailId,
      subject: reviewItems.subject,
      action: decisions.action,
      actor: decisions.actor,
      attempts: decisions.attempts,
      lastError: decisions.lastError,
      createdAt: decisions.createdAt,
      itemState: reviewItems.state,
      cursorAt: sql<string>`${decisions.createdAt}::text`,
    })
    .from(decisions)
    .innerJoin(reviewItems, eq(reviewItems.id, decisions.itemId))
    .where(and(eq(decisions.delivery, "failed"), keyset))
    .orderBy(desc(decisions.createdAt), desc(decisions.id))
    .limit(limit + 1);
  return page(rows, limit, (r) => ({
    id: r.id,
    itemId: r.itemId,
    emailId: r.emailId,
    subject: r.subject,
    action: r.action,
    actor: r.actor,
    attempts: r.attempts,
    lastError: r.lastError,
    decidedAt: r.createdAt.toISOString(),
    itemState: r.itemState,
  }));
}

/** Items back in front of reviewers with a reason (a refused decision, a re-send that did not match), oldest first. */
export async function listItemsNeedingAttention(db: Db, params: AttentionParams = {}): Promise<AttentionList<AttentionItemRow>> {
  const limit = limitOf(params);
  const after = decodeCursor(params.cursor);
  const keyset: SQL | undefined = after ? sql`(${reviewItems.heldAt}, ${reviewItems.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined;
  const rows = await db
    .select({
      id: reviewItems.id,
      subject: reviewItems.subject,
      attention: reviewItems.attention,
      heldAt: reviewItems.heldAt,
      updatedAt: reviewItems.updatedAt,
      cursorAt: sql<string>`${reviewItems.heldAt}::text`,
    })
    .from(reviewItems)
    .where(and(eq(reviewItems.state, "pending"), isNotNull(reviewItems.attention), keyset))
    .orderBy(asc(reviewItems.heldAt), asc(reviewItems.id))
    .limit(limit + 1);
  return page(rows, limit, (r) => ({
    id: r.id,
    subject: r.subject,
    attention: r.attention ?? "",
    heldAt: r.heldAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
