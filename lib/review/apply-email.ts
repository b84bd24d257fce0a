// Applies the API's view of one email to the local store: creates the review item of a newly held
// email, spots emails decided outside Countersign, records delivery, and matches re-sent revisions.
import { and, eq, notInArray, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, emails, mailboxes, reviewItems, revisions } from "@/lib/db/schema";
import type { MultiMailEmail } from "@/lib/multimail/schemas";
import { newItemSession, syncItemSession } from "@/lib/livekit/link-session";
import { newItemDueAt } from "@/lib/sla/due-at";
import { replyAuthorOf } from "@/lib/inbox/reply-author";
import { readSessionLink } from "@/lib/multimail/session-link";
import { publishChange } from "@/lib/realtime/events";
import { appendAudit } from "@/lib/audit/append-audit";
import { enqueueHookEvent, enqueueSlackHeld, itemHookPayload } from "@/lib/hooks/enqueue";
import { previewOf } from "@/lib/render/preview";
import { contentHash } from "./content-hash";
import { transition } from "./lifecycle";
import { searchTextOf } from "@/lib/text/search-text";
import { decidedOutcome, isHeldStatus } from "./state";

/** The API's view of an email, normalised by lib/multimail/schemas.ts. */
export type SyncableEmail = Pick<
  MultiMailEmail,
  | "id"
  | "direction"
  | "status"
  | "from"
  | "to"
  | "cc"
  | "subject"
  | "markdown"
  | "threadId"
  | "receivedAt"
  | "approvedAt"
  | "approvedBy"
  | "deliveredAt"
  | "bouncedAt"
  | "bounceType"
  | "tags"
  | "metadata"
>;

export type ApplyOutcome =
  | { kind: "held"; itemId: string }
  | { kind: "updated"; itemId: string }
  | { kind: "decided_elsewhere"; itemId: string }
  | { kind: "revision_matched"; itemId: string; decisionId: string }
  | { kind: "revision_mismatched"; itemId: string }
  | { kind: "ignored" };

const toDate = (v: string | null) => (v ? new Date(v) : null);

export async function applyEmail(db: Db, mailboxId: string, wire: SyncableEmail, actor = "multimail"): Promise<ApplyOutcome> {
  // The API may omit a body or sender (multimail-api.md §3 aliases); store empty rather than guess.
  const email = { ...wire, direction: wire.direction ?? "outbound", from: wire.from ?? "", markdown: wire.markdown ?? "" };
  const outcome = await db.transaction(async (tx): Promise<ApplyOutcome> => {
    const row = {
      mailboxId,
      direction: email.direction,
      status: email.status,
      fromAddress: email.from,
      toAddresses: email.to,
      ccAddresses: email.cc,
      subject: email.subject,
      markdown: email.markdown,
      threadId: email.threadId,
      metadata: email.metadata,
      tags: email.tags,
      receivedAt: toDate(email.receivedAt),
      approvedAt: toDate(email.approvedAt),
      approvedBy: email.approvedBy,
      deliveredAt: toDate(email.deliveredAt),
      bouncedAt: toDate(email.bouncedAt),
      bounceType: email.bounceType,
      syncedAt: new Date(),
    };
    const [stored] = await tx
      .insert(emails)
      .values({ id: email.id, ...row })
      .onConflictDoUpdate({ target: emails.id, set: row })
      .returning();

    const revisionId = typeof email.metadata?.countersign_revision_id === "string" ? email.metadata.countersign_revision_id : null;
    const [revision] = await tx
      .select()
      .from(revisions)
      .where(revisionId && isUuid(revisionId) ? or(eq(revisions.resentEmailId, email.id), eq(revisions.id, revisionId)) : eq(revisions.resentEmailId, email.id))
      .limit(1);
    if (revision) return applyResent(tx, revision, email);

    const [item] = await tx
      .select()
      .from(reviewItems)
      .where(or(eq(reviewItems.rootEmailId, email.id), eq(reviewItems.currentEmailId, email.id)))
      .limit(1)
      .for("update");

    if (!item) {
      if (!isHeldStatus(email.status) || !stored) return { kind: "ignored" };
      const link = readSessionLink({ metadata: email.metadata, tags: email.tags });
      // A reply a reviewer wrote in Countersign: whose words it is (four-eyes, "Written by").
      const authoredBy = await replyAuthorOf(tx, email.id, email.metadata);
      const heldAt = toDate(email.receivedAt) ?? new Date();
      // Linked and checked before it is inserted: the queue never shows it without its findings.
      const session = await newItemSession(tx, stored, link, { heldAt, authoredBy });
      // The queue's mailbox filter lists the mailboxes table: name this one until the reconciler labels it.
      await tx.insert(mailboxes).values({ id: mailboxId, address: "" }).onConflictDoNothing();
      const [created] = await tx
        .insert(reviewItems)
        .values({
          rootEmailId: email.id,
          currentEmailId: email.id,
          mailboxId,
          state: "pending",
          fromAddress: email.from,
          toAddresses: email.to,
          subject: email.subject,
          preview: previewOf(email.markdown),
          searchText: searchTextOf({
            subject: email.subject,
            from: email.from,
            to: email.to,
            markdown: email.markdown,
            callerName: session.callerName,
            callerEmail: session.callerEmail,
          }),
          heldAt,
          ...session,
          transcriptUrl: link.transcriptUrl,
          dueAt: newItemDueAt({ roomSid: session.roomSid, heldAt, mailboxId }),
          authoredBy,
        })
        .onConflictDoNothing()
        .returning({ id: reviewItems.id });
      if (!created) return { kind: "ignored" };
      await tx.update(emails).set({ itemId: created.id }).where(eq(emails.id, email.id));
      await appendAudit(tx, {
        actor,
        action: "email.held",
        itemId: created.id,
        emailId: email.id,
        details: { mailboxId, from: email.from, to: email.to, subject: email.subject, status: email.status, markdown: email.markdown },
      });
      await publishChange(tx, { type: "item.created", itemId: created.id });
      await enqueueSlackHeld(tx, { id: created.id, mailboxId, subject: email.subject, toAddresses: email.to });
      return { kind: "held", itemId: created.id };
    }

    if (!stored?.itemId) await tx.update(emails).set({ itemId: item.id }).where(eq(emails.id, email.id));

    const delivery: Partial<typeof reviewItems.$inferInsert> = {};
    if (email.id === item.currentEmailId) {
      if (email.deliveredAt && !item.deliveredAt) delivery.deliveredAt = new Date(email.deliveredAt);
      if (email.bouncedAt && !item.bouncedAt) delivery.bouncedAt = new Date(email.bouncedAt);
    }
    if (delivery.deliveredAt) await appendAudit(tx, { actor, action: "email.delivered", itemId: item.id, emailId: email.id, details: { at: email.deliveredAt } });
    if (delivery.bouncedAt)
      await appendAudit(tx, { actor, action: "email.bounced", itemId: item.id, emailId: email.id, details: { at: email.bouncedAt, bounceType: email.bounceType } });
    // Downstream hooks (lib/hooks), in this transaction: recorded with the change or not at all.
    if (delivery.deliveredAt) await enqueueHookEvent(tx, "email.delivered", itemHookPayload(item, { emailId: email.id, deliveredAt: email.deliveredAt }));
    if (delivery.bouncedAt)
      await enqueueHookEvent(tx, "email.bounced", itemHookPayload(item, { emailId: email.id, bouncedAt: email.bouncedAt, bounceType: email.bounceType }));

    const outcome = decidedOutcome(email);
    if (item.state === "pending" && email.id === item.currentEmailId && outcome) {
      // Ours is any decision still live for this email; a refused (failed) or undone one does not count.
      const [ours] = await tx
        .select({ id: decisions.id })
        .from(decisions)
        .where(and(eq(decisions.emailId, email.id), notInArray(decisions.delivery, ["failed", "undone"])))
        .limit(1);
      if (!ours) {
        if (Object.keys(delivery).length > 0) await tx.update(reviewItems).set(delivery).where(eq(reviewItems.id, item.id));
        await transition(tx, item.id, {
          type: "decided_elsewhere",
          outcome,
          by: email.approvedBy,
          at: toDate(email.approvedAt),
          emailId: email.id,
          details: { status: email.status, approvedBy: email.approvedBy },
        });
        return { kind: "decided_elsewhere", itemId: item.id };
      }
    }
    if (Object.keys(delivery).length > 0) {
      await tx
        .update(reviewItems)
        .set({ ...delivery, updatedAt: new Date() })
        .where(eq(reviewItems.id, item.id));
      await publishChange(tx, { type: "item.updated", itemId: item.id });
    }
    return { kind: "updated", itemId: item.id };
  });
  // The email's tags may name its session only now, or a re-send may have replaced the email: link
  // it and recount its findings (lib/livekit/link-session.ts). A new item did so as it was inserted.
  if (outcome.kind !== "ignored" && outcome.kind !== "held") await syncItemSession(db, outcome.itemId, readSessionLink({ metadata: email.metadata, tags: email.tags }));
  return outcome;
}

async function applyResent(tx: Db, revision: typeof revisions.$inferSelect, email: SyncableEmail & { markdown: string }): Promise<ApplyOutcome> {
  const itemId = revision.itemId;
  await tx.update(emails).set({ itemId, role: "resent" }).where(eq(emails.id, email.id));
  const [item] = await tx.select().from(reviewItems).where(eq(reviewItems.id, itemId)).for("update");
  if (!item) return { kind: "ignored" };

  if (!revision.resentEmailId) {
    await tx.update(revisions).set({ resentEmailId: email.id, resendState: "sent" }).where(eq(revisions.id, revision.id));
  }
  if (email.id === item.currentEmailId && email.deliveredAt && !item.deliveredAt) {
    await tx
      .update(reviewItems)
      .set({ deliveredAt: new Date(email.deliveredAt), updatedAt: new Date() })
      .where(eq(reviewItems.id, itemId));
    await appendAudit(tx, { actor: "multimail", action: "email.delivered", itemId, emailId: email.id, details: { at: email.deliveredAt } });
    await enqueueHookEvent(tx, "email.delivered", itemHookPayload(item, { emailId: email.id, deliveredAt: email.deliveredAt }));
    await publishChange(tx, { type: "item.updated", itemId });
  }
  if (item.state !== "edited" || !isHeldStatus(email.status)) return { kind: "updated", itemId };

  const matches = contentHash({ subject: email.subject, markdown: email.markdown, to: email.to, cc: email.cc }) === revision.contentHash;
  const current = { id: email.id, subject: email.subject, to: email.to, markdown: email.markdown };
  if (!matches) {
    await tx.update(revisions).set({ resendState: "mismatched" }).where(eq(revisions.id, revision.id));
    await transition(tx, itemId, {
      type: "return_to_review",
      email: current,
      attention: `The re-sent email does not match revision ${revision.number} that ${revision.author} approved. Review it again.`,
      audit: "revision.mismatched",
      details: { revision: revision.number },
    });
    return { kind: "revision_mismatched", itemId };
  }
  await tx.update(revisions).set({ resendState: "matched" }).where(eq(revisions.id, revision.id));
  const moved = await transition(tx, itemId, { type: "resend_matched", email: current, revision: { id: revision.id, number: revision.number, author: revision.author } });
  return moved.decisionId ? { kind: "revision_matched", itemId, decisionId: moved.decisionId } : { kind: "updated", itemId };
}

function isUuid(v: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
}
