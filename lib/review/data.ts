// Server reads of the review domain, returning the DTOs in schemas.ts (the GET routes and the
// pages' prefetch both call these, under the keys in queries.ts).
import "server-only";
import { and, asc, count, countDistinct, eq, gt, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { diffWords } from "diff";
import type { Db } from "@/lib/db/client";
import { auditLog, claims, decisions, emails, mailboxes, reviewItems, revisions } from "@/lib/db/schema";
import { inboxAnnotations } from "@/lib/inbox/queue-annotations";
import { queueVoiceOf } from "@/lib/livekit/data";
import { readSessionLink } from "@/lib/multimail/session-link";
import { renderEmail } from "@/lib/render/render-email";
import type { ItemDetail, QueueFilters, QueuePage, QueueRow } from "./schemas";
import { summarizeAudit } from "./summarize-audit";

type ItemRow = typeof reviewItems.$inferSelect;

function encodeCursor(row: { heldAt: Date; id: string }): string {
  return Buffer.from(`${row.heldAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { heldAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const heldAt = new Date(at ?? "");
  if (!id || Number.isNaN(heldAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { heldAt, id };
}

type ClaimRow = typeof claims.$inferSelect;

async function claimsOf(db: Db, itemIds: string[]): Promise<Map<string, ClaimRow>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db.select().from(claims).where(and(inArray(claims.itemId, itemIds), gt(claims.expiresAt, new Date())));
  return new Map(rows.map((c) => [c.itemId, c]));
}

function toRow(item: ItemRow, labels: Map<string, string>, delivery: QueueRow["delivery"], claim?: ClaimRow): QueueRow {
  return {
    id: item.id,
    state: item.state,
    attention: item.attention,
    mailboxId: item.mailboxId,
    mailboxLabel: labels.get(item.mailboxId) ?? item.mailboxId,
    from: item.fromAddress,
    to: item.toAddresses,
    subject: item.subject,
    preview: item.preview,
    heldAt: item.heldAt.toISOString(),
    sessionId: item.sessionId,
    callerEmail: item.callerEmail,
    callerName: item.callerName,
    transcriptUrl: item.transcriptUrl,
    decision: item.decision,
    decidedBy: item.decidedBy,
    decidedAt: item.decidedAt?.toISOString() ?? null,
    delivery,
    claimedBy: claim ? { userId: claim.userId, name: claim.userName, since: claim.claimedAt.toISOString() } : null,
  };
}

async function mailboxLabels(db: Db): Promise<Map<string, string>> {
  const rows = await db.select().from(mailboxes);
  return new Map(rows.map((m) => [m.id, m.displayName ? `${m.displayName} <${m.address}>` : m.address]));
}

async function deliveryOf(db: Db, itemIds: string[]): Promise<Map<string, QueueRow["delivery"]>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .select({ itemId: decisions.itemId, delivery: decisions.delivery, createdAt: decisions.createdAt })
    .from(decisions)
    .where(inArray(decisions.itemId, itemIds))
    .orderBy(asc(decisions.createdAt));
  // The latest decision of an item is the one that matters (an edit has a reject, then an approve).
  return new Map(rows.map((r) => [r.itemId, r.delivery as QueueRow["delivery"]]));
}

/** An item with at least one revision: edited, whatever became of it since (index: revisions (item_id, number)). */
const hasRevision = sql`exists (select 1 from ${revisions} r where r.item_id = ${reviewItems.id})`;

function filterWhere(filters: QueueFilters): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  // The Edited tab lists every edited item (approved after the re-send matched, back to review after a
  // mismatch, decided elsewhere), not only those in the transient `edited` state while the re-send is on its way.
  if (filters.state === "edited") parts.push(hasRevision);
  else if (filters.state !== "all") parts.push(eq(reviewItems.state, filters.state));
  if (filters.mailbox) parts.push(eq(reviewItems.mailboxId, filters.mailbox));
  if (filters.findings === "with") parts.push(gt(reviewItems.findingsCount, 0));
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(reviewItems.subject, like), sql`array_to_string(${reviewItems.toAddresses}, ' ') ilike ${like}`));
  }
  return and(...parts);
}

export async function listQueue(db: Db, filters: QueueFilters, configured: boolean): Promise<QueuePage> {
  const after = decodeCursor(filters.cursor);
  const where = and(
    filterWhere(filters),
    after ? or(gt(reviewItems.heldAt, after.heldAt), and(eq(reviewItems.heldAt, after.heldAt), gt(reviewItems.id, after.id))) : undefined,
  );
  const [rows, labels, counts, [edited], mailboxRows] = await Promise.all([
    db.select().from(reviewItems).where(where).orderBy(asc(reviewItems.heldAt), asc(reviewItems.id)).limit(filters.limit + 1),
    mailboxLabels(db),
    db.select({ state: reviewItems.state, n: count() }).from(reviewItems).where(inArray(reviewItems.state, ["pending", "edited"])).groupBy(reviewItems.state),
    db.select({ n: countDistinct(revisions.itemId) }).from(revisions),
    db.selectDistinct({ id: reviewItems.mailboxId }).from(reviewItems),
  ]);
  const page = rows.slice(0, filters.limit);
  const [delivery, claimed, voice, inbox] = await Promise.all([deliveryOf(db, page.map((r) => r.id)), claimsOf(db, page.map((r) => r.id)), queueVoiceOf(db, page), inboxAnnotations(db, page)]);
  const last = page.at(-1);
  const ids = new Set([...labels.keys(), ...mailboxRows.map((m) => m.id)]);
  return {
    rows: page.map((r) => ({ ...toRow(r, labels, delivery.get(r.id) ?? "none", claimed.get(r.id)), voice: voice.get(r.id), inbox: inbox.get(r.id) })),
    nextCursor: rows.length > filters.limit && last ? encodeCursor(last) : null,
    counts: {
      pending: counts.find((c) => c.state === "pending")?.n ?? 0,
      edited: edited?.n ?? 0,
      resending: counts.find((c) => c.state === "edited")?.n ?? 0,
    },
    mailboxes: [...ids].map((id) => ({ id, label: labels.get(id) ?? id })).sort((a, b) => a.label.localeCompare(b.label)),
    configured,
  };
}

function emailView(row: typeof emails.$inferSelect, allowRemote: boolean) {
  const rendered = renderEmail(row.markdown, { allowRemote });
  return {
    id: row.id,
    role: row.role,
    status: row.status,
    from: row.fromAddress,
    to: row.toAddresses,
    cc: row.ccAddresses,
    subject: row.subject,
    markdown: row.markdown,
    html: rendered.html,
    blockedRemoteContent: rendered.blockedRemoteContent,
    metadata: row.metadata ?? null,
    tags: row.tags,
    receivedAt: row.receivedAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    bouncedAt: row.bouncedAt?.toISOString() ?? null,
  };
}

export async function getItemDetail(db: Db, itemId: string, options: { allowRemote?: boolean } = {}): Promise<ItemDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return null;
  const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, itemId));
  if (!item) return null;
  const [emailRows, revisionRows, decisionRows, auditRows, labels, next, claimed] = await Promise.all([
    db.select().from(emails).where(eq(emails.itemId, item.id)),
    db.select().from(revisions).where(eq(revisions.itemId, item.id)).orderBy(asc(revisions.number)),
    db.select().from(decisions).where(eq(decisions.itemId, item.id)).orderBy(asc(decisions.createdAt)),
    db.select().from(auditLog).where(eq(auditLog.itemId, item.id)).orderBy(asc(auditLog.at), asc(auditLog.id)),
    mailboxLabels(db),
    db
      .select({ id: reviewItems.id })
      .from(reviewItems)
      .where(and(eq(reviewItems.state, "pending"), sql`${reviewItems.id} <> ${item.id}`, or(gt(reviewItems.heldAt, item.heldAt), and(eq(reviewItems.heldAt, item.heldAt), gt(reviewItems.id, item.id)))))
      .orderBy(asc(reviewItems.heldAt), asc(reviewItems.id))
      .limit(1),
    claimsOf(db, [item.id]),
  ]);
  const inbox = (await inboxAnnotations(db, [item])).get(item.id);
  const current = emailRows.find((e) => e.id === item.currentEmailId) ?? emailRows.find((e) => e.id === item.rootEmailId);
  if (!current) return null;
  const root = emailRows.find((e) => e.id === item.rootEmailId);
  const link = readSessionLink({ metadata: current.metadata ?? null, tags: current.tags });
  const latest = decisionRows.at(-1);
  return {
    item: {
      ...toRow(item, labels, (latest?.delivery as QueueRow["delivery"]) ?? "none", claimed.get(item.id)),
      inbox,
      rootEmailId: item.rootEmailId,
      currentEmailId: item.currentEmailId,
      decisionReason: item.decisionReason,
      version: item.version,
    },
    email: emailView(current, options.allowRemote ?? false),
    original: root && root.id !== current.id ? emailView(root, options.allowRemote ?? false) : null,
    session: {
      sessionId: link.sessionId,
      roomSid: link.roomSid,
      roomName: link.roomName,
      jobId: link.jobId,
      callerEmail: link.callerEmail,
      callerName: link.callerName,
      callerIdentity: link.callerIdentity,
      transcriptUrl: link.transcriptUrl,
      agentName: link.agentName,
      agentNote: link.agentNote,
      agentConfidence: link.agentConfidence,
    },
    revisions: revisionRows.map((r) => {
      const base = r.number === 1 ? root : undefined;
      const previous = base ?? emailRows.find((e) => e.id === r.baseEmailId);
      return {
        id: r.id,
        number: r.number,
        author: r.author,
        createdAt: r.createdAt.toISOString(),
        subject: r.subject,
        to: r.toAddresses,
        cc: r.ccAddresses,
        resendState: r.resendState,
        resentEmailId: r.resentEmailId,
        lastError: r.lastError,
        diff: previous
          ? [
              { field: "To", parts: diffWords(previous.toAddresses.join(", "), r.toAddresses.join(", ")) },
              { field: "Cc", parts: diffWords(previous.ccAddresses.join(", "), r.ccAddresses.join(", ")) },
              { field: "Subject", parts: diffWords(previous.subject, r.subject) },
              { field: "Body", parts: diffWords(previous.markdown, r.markdown) },
            ]
              .filter((d) => d.parts.some((p) => p.added || p.removed))
              .map((d) => ({ field: d.field, parts: d.parts.map((p) => ({ value: p.value, added: Boolean(p.added), removed: Boolean(p.removed) })) }))
          : [],
      };
    }),
    decisions: decisionRows.map((d) => ({
      id: d.id,
      emailId: d.emailId,
      action: d.action,
      reason: d.reason,
      actor: d.actor,
      delivery: d.delivery,
      attempts: d.attempts,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
    // Releasing a claim happens on every page close: it belongs in Activity, not in the email's story.
    history: auditRows.filter((a) => a.action !== "claim.released").map((a) => ({ id: a.id, at: a.at.toISOString(), actor: a.actor, action: a.action, emailId: a.emailId, summary: summarizeAudit(a.action, a.details) })),
    nextItemId: next[0]?.id ?? null,
  };
}
