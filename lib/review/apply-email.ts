// Applies the API's view of one email to the local store: creates the review item of a newly held
// email, spots emails decided outside Countersign, records delivery, and matches re-sent revisions.
import { and, eq, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, emails, reviewItems, revisions } from "@/lib/db/schema";
import type { MultiMailEmail } from "@/lib/multimail/schemas";
import { sessionColumns, syncItemSession } from "@/lib/livekit/link-session";
import { replyAuthorOf } from "@/lib/inbox/reply-author";
import { readSessionLink } from "@/lib/multimail/session-link";
import { publishChange } from "@/lib/realtime/events";
import { appendAudit } from "@/lib/audit/append-audit";
import { contentHash } from "./content-hash";
import { fourEyesEnabled } from "./four-eyes";
import { decidedOutcome, isHeldStatus } from "./state";

/** The API's view of an email, normalised by lib/multimail/schemas.ts. */
export type SyncableEmail = Pick<
  MultiMailEmail,
  "id" | "direction" | "status" | "from" | "to" | "cc" | "subject" | "markdown" | "threadId" | "receivedAt" | "approvedAt" | "approvedBy" | "deliveredAt" | "bouncedAt" | "bounceType" | "tags" | "metadata"
>;

export type ApplyOutcome =
  | { kind: "held"; itemId: string }
  | { kind: "updated"; itemId: string }
  | { kind: "decided_elsewhere"; itemId: string }
  | { kind: "revision_matched"; itemId: string; decisionId: string }
  | { kind: "revision_mismatched"; itemId: string }
  | { kind: "ignored" };

const toDate = (v: string | null) => (v ? new Date(v) : null);

export function previewOf(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)|(?<=\S)(\*\*|__|\*|_|~~|`)/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}

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
      if (!isHeldStatus(email.status)) return { kind: "ignored" };
      const link = readSessionLink({ metadata: email.metadata, tags: email.tags });
      // A reply a reviewer wrote in Countersign: whose words it is (four-eyes, "Written by").
      const authoredBy = await replyAuthorOf(tx, email.id, email.metadata);
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
          heldAt: toDate(email.receivedAt) ?? new Date(),
          sessionId: link.sessionId ?? link.roomSid ?? link.roomName,
          callerEmail: link.callerEmail,
          callerName: link.callerName,
          transcriptUrl: link.transcriptUrl,
          ...sessionColumns(link),
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
      return { kind: "held", itemId: created.id };
    }

    if (!stored?.itemId) await tx.update(emails).set({ itemId: item.id }).where(eq(emails.id, email.id));

    const delivery: Partial<typeof reviewItems.$inferInsert> = {};
    if (email.id === item.currentEmailId) {
      if (email.deliveredAt && !item.deliveredAt) delivery.deliveredAt = new Date(email.deliveredAt);
      if (email.bouncedAt && !item.bouncedAt) delivery.bouncedAt = new Date(email.bouncedAt);
    }
    if (delivery.deliveredAt) await appendAudit(tx, { actor, action: "email.delivered", itemId: item.id, emailId: email.id, details: { at: email.deliveredAt } });
    if (delivery.bouncedAt) await appendAudit(tx, { actor, action: "email.bounced", itemId: item.id, emailId: email.id, details: { at: email.bouncedAt, bounceType: email.bounceType } });

    const outcome = decidedOutcome(email.status);
    if (item.state === "pending" && email.id === item.currentEmailId && outcome) {
      const [ours] = await tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.emailId, email.id)).limit(1);
      if (!ours) {
        await tx
          .update(reviewItems)
          .set({
            ...delivery,
            state: "decided_elsewhere",
            decision: outcome === "approved" ? "approve" : outcome === "rejected" ? "reject" : "cancel",
            decidedBy: email.approvedBy ?? "MultiMail",
            decidedAt: toDate(email.approvedAt) ?? new Date(),
            version: item.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(reviewItems.id, item.id), eq(reviewItems.state, "pending")));
        await appendAudit(tx, {
          actor,
          action: "email.decided_elsewhere",
          itemId: item.id,
          emailId: email.id,
          details: { status: email.status, approvedBy: email.approvedBy },
        });
        await publishChange(tx, { type: "item.updated", itemId: item.id });
        return { kind: "decided_elsewhere", itemId: item.id };
      }
    }
    if (Object.keys(delivery).length > 0) {
      await tx.update(reviewItems).set({ ...delivery, updatedAt: new Date() }).where(eq(reviewItems.id, item.id));
      await publishChange(tx, { type: "item.updated", itemId: item.id });
    }
    return { kind: "updated", itemId: item.id };
  });
  // The voice session may have arrived first, or the email's tags may name it only now: link it
  // and recount its findings (lib/livekit/link-session.ts).
  if (outcome.kind !== "ignored") await syncItemSession(db, outcome.itemId);
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
    await tx.update(reviewItems).set({ deliveredAt: new Date(email.deliveredAt), updatedAt: new Date() }).where(eq(reviewItems.id, itemId));
    await appendAudit(tx, { actor: "multimail", action: "email.delivered", itemId, emailId: email.id, details: { at: email.deliveredAt } });
    await publishChange(tx, { type: "item.updated", itemId });
  }
  if (item.state !== "edited" || !isHeldStatus(email.status)) return { kind: "updated", itemId };

  const matches = contentHash({ subject: email.subject, markdown: email.markdown, to: email.to, cc: email.cc }) === revision.contentHash;
  if (!matches) {
    await returnToReview(tx, item, email, `The re-sent email does not match revision ${revision.number} that ${revision.author} approved. Review it again.`);
    await tx.update(revisions).set({ resendState: "mismatched" }).where(eq(revisions.id, revision.id));
    await appendAudit(tx, { actor: "system", action: "revision.mismatched", itemId, emailId: email.id, details: { revision: revision.number } });
    return { kind: "revision_mismatched", itemId };
  }

  if (await fourEyesEnabled(tx)) {
    // Four-eyes: the edit is verified, but its author may not approve it; hand it to a second reviewer.
    await returnToReview(tx, item, email, `Edited by ${revision.author} (revision ${revision.number}); four-eyes is on, so another reviewer must approve it.`);
    await tx.update(revisions).set({ resendState: "matched" }).where(eq(revisions.id, revision.id));
    await appendAudit(tx, { actor: "system", action: "revision.matched", itemId, emailId: email.id, details: { revision: revision.number, fourEyes: true } });
    return { kind: "updated", itemId };
  }

  const reason = `Edited in Countersign by ${revision.author} (revision ${revision.number}); re-sent content verified against the approved revision.`;
  const [decision] = await tx
    .insert(decisions)
    .values({ itemId, emailId: email.id, action: "approve", reason, actor: revision.author })
    .onConflictDoNothing()
    .returning({ id: decisions.id });
  await tx.update(revisions).set({ resendState: "matched" }).where(eq(revisions.id, revision.id));
  await tx
    .update(reviewItems)
    .set({ state: "approved", currentEmailId: email.id, version: item.version + 1, updatedAt: new Date() })
    .where(eq(reviewItems.id, itemId));
  await appendAudit(tx, { actor: "system", action: "revision.matched", itemId, emailId: email.id, details: { revision: revision.number } });
  if (decision) {
    await appendAudit(tx, { actor: revision.author, action: "decision.recorded", itemId, emailId: email.id, details: { action: "approve", reason, automatic: true } });
  }
  await publishChange(tx, { type: "item.updated", itemId });
  return decision ? { kind: "revision_matched", itemId, decisionId: decision.id } : { kind: "updated", itemId };
}

/** Puts an edited item back in front of a reviewer, now about the re-sent email. */
async function returnToReview(tx: Db, item: typeof reviewItems.$inferSelect, email: SyncableEmail & { markdown: string }, attention: string) {
  await tx
    .update(reviewItems)
    .set({
      state: "pending",
      currentEmailId: email.id,
      attention,
      subject: email.subject,
      toAddresses: email.to,
      preview: previewOf(email.markdown),
      decision: null,
      decidedBy: null,
      decidedAt: null,
      version: item.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(reviewItems.id, item.id));
  await publishChange(tx, { type: "item.updated", itemId: item.id });
}

function isUuid(v: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
}
