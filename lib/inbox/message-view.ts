// Shapes MultiMail emails for the inbox views: a list row, the review item a held or decided email
// belongs to, and a body rendered inert (sanitised HTML, remote content blocked until asked for).
import "server-only";
import { inArray, isNotNull, and, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, reviewItems } from "@/lib/db/schema";
import type { EmailSummary } from "@/lib/multimail/schemas";
import { renderEmail } from "@/lib/render/render-email";
import type { EmailRow } from "./schemas";

export type ReviewLink = NonNullable<EmailRow["review"]>;

export function toEmailRow(summary: EmailSummary, review: ReviewLink | null): EmailRow {
  return {
    id: summary.id,
    threadId: summary.threadId,
    direction: summary.direction,
    status: summary.status,
    from: summary.from,
    to: summary.to,
    subject: summary.subject,
    receivedAt: summary.receivedAt,
    hasAttachments: summary.hasAttachments,
    deliveredAt: summary.deliveredAt,
    bouncedAt: summary.bouncedAt,
    bounceType: summary.bounceType,
    spamVerdict: summary.spamVerdict,
    review,
  };
}

export function renderBody(markdown: string, allowRemote: boolean) {
  const rendered = renderEmail(markdown, { allowRemote });
  return { html: rendered.html, markdown, blockedRemoteContent: rendered.blockedRemoteContent };
}

/** Email id → its review item, for every email of an item's chain (original, re-sent edit). */
export async function reviewLinksOf(db: Db, emailIds: readonly string[]): Promise<Map<string, ReviewLink>> {
  const ids = [...new Set(emailIds)];
  if (ids.length === 0) return new Map();
  const linked = await db
    .select({ id: emails.id, itemId: emails.itemId })
    .from(emails)
    .where(and(inArray(emails.id, ids), isNotNull(emails.itemId)));
  const items = await db
    .select()
    .from(reviewItems)
    .where(
      or(
        inArray(reviewItems.rootEmailId, ids),
        inArray(reviewItems.currentEmailId, ids),
        linked.length
          ? inArray(
              reviewItems.id,
              linked.map((l) => l.itemId!),
            )
          : undefined,
      ),
    );
  const byId = new Map(items.map((i) => [i.id, i]));
  const result = new Map<string, ReviewLink>();
  const link = (emailId: string, item: typeof reviewItems.$inferSelect) =>
    result.set(emailId, { itemId: item.id, currentEmailId: item.currentEmailId, state: item.state, decidedBy: item.decidedBy, decisionReason: item.decisionReason });
  for (const l of linked) {
    const item = byId.get(l.itemId!);
    if (item) link(l.id, item);
  }
  for (const item of items) {
    if (ids.includes(item.rootEmailId) && !result.has(item.rootEmailId)) link(item.rootEmailId, item);
    if (ids.includes(item.currentEmailId) && !result.has(item.currentEmailId)) link(item.currentEmailId, item);
  }
  return result;
}
