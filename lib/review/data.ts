// Server reads of the review domain, returning the DTOs in schemas.ts (the GET routes and the
// pages' prefetch both call these, under the keys in queries.ts).
import "server-only";
import { and, asc, eq, gt, inArray, ne, sql, type SQL } from "drizzle-orm";
import { diffWords } from "diff";
import type { Db } from "@/lib/db/client";
import { auditLog, claims, decisions, emails, mailboxes, reviewItems, revisions } from "@/lib/db/schema";
import { searchWords } from "@/lib/db/tables/review";
import { inboxAnnotations } from "@/lib/inbox/queue-annotations";
import { queueVoiceOf } from "@/lib/livekit/data";
import { readSessionLink } from "@/lib/multimail/session-link";
import { renderEmail } from "@/lib/render/render-email";
import type { ItemDetail, ItemHistory, QueueCounts, QueueFilters, QueuePage, QueueRow } from "./schemas";
import { dueKey } from "./sla";
import { summarizeAudit } from "./summarize-audit";
import { neighboursOf } from "./neighbours";

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

/** "Due first" keyset position: the due time ("inf" without an SLA, which sorts last) and the id. */
function encodeDueCursor(row: { dueAt: Date | null; id: string }): string {
  return Buffer.from(`due|${row.dueAt ? row.dueAt.toISOString() : "inf"}|${row.id}`).toString("base64url");
}

function decodeDueCursor(cursor: string | undefined): { due: string; id: string } | null {
  if (!cursor) return null;
  const [kind, at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (kind !== "due" || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  if (at === "inf") return { due: "infinity", id };
  const due = new Date(at ?? "");
  return Number.isNaN(due.getTime()) ? null : { due: due.toISOString(), id };
}

/** Keyset position of "Due first" as a row value on the due index's expression (review_items_held_due_idx). */
function afterDueCursor(after: { due: string; id: string }): SQL {
  return sql`(${dueKey}, ${reviewItems.id}) > (${after.due}::timestamptz, ${after.id}::uuid)`;
}

/** "Due first" applies to held emails only: the due index covers the Held tab. */
const sortsByDue = (filters: QueueFilters) => filters.sort === "due" && filters.state === "pending";

type ClaimRow = typeof claims.$inferSelect;

async function claimsOf(db: Db, itemIds: string[]): Promise<Map<string, ClaimRow>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(claims)
    .where(and(inArray(claims.itemId, itemIds), gt(claims.expiresAt, new Date())));
  return new Map(rows.map((c) => [c.itemId, c]));
}

function toRow(item: ItemRow, labels: MailboxLabels, delivery: QueueRow["delivery"], claim?: ClaimRow): QueueRow {
  return {
    id: item.id,
    state: item.state,
    attention: item.attention,
    mailboxId: item.mailboxId,
    mailboxLabel: labels.get(item.mailboxId)?.label ?? item.mailboxId,
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
    emailId: item.currentEmailId,
    claimedBy: claim ? { userId: claim.userId, name: claim.userName, since: claim.claimedAt.toISOString() } : null,
    dueAt: item.dueAt?.toISOString() ?? null,
    slaMinutes: item.dueAt ? (labels.get(item.mailboxId)?.slaMinutes ?? null) : null,
  };
}

/** Each mailbox's label and SLA (minutes; null without one). */
type MailboxLabels = Map<string, { label: string; slaMinutes: number | null }>;

async function mailboxLabels(db: Db): Promise<MailboxLabels> {
  const rows = await db.select().from(mailboxes);
  return new Map(rows.map((m) => [m.id, { label: m.displayName ? `${m.displayName} <${m.address}>` : m.address || m.id, slaMinutes: m.slaMinutes }]));
}

async function deliveryOf(db: Db, itemIds: string[]): Promise<Map<string, QueueRow["delivery"]>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .select({ itemId: decisions.itemId, delivery: decisions.delivery, createdAt: decisions.createdAt })
    .from(decisions)
    .where(and(inArray(decisions.itemId, itemIds), ne(decisions.delivery, "undone")))
    .orderBy(asc(decisions.createdAt));
  // The latest decision of an item is the one that matters (an edit has a reject, then an approve); an undone one is no decision.
  return new Map(rows.map((r) => [r.itemId, r.delivery]));
}

/**
 * An item with at least one revision: edited, whatever became of it since. Driven from revisions
 * (few) into review_items by id, not by probing every item (index: revisions (item_id, number)).
 */
const hasRevision = sql`${reviewItems.id} in (select ${revisions.itemId} from ${revisions})`;

/** At most this many words of a query are searched for. */
const MAX_QUERY_WORDS = 8;

/**
 * Every word of the query starts a word of the item ("gonz" finds maria.gonzalez@example.com, "AD-44"
 * finds AD-4417): full-text search on the index's own expression, so a search at a million items
 * reads a few index pages where `ILIKE '%q%'` on trigrams read every item sharing "cal" or "com".
 * The words are letters and digits only, so nothing in them is tsquery syntax; a query without
 * any finds nothing.
 */
function searchMatch(q: string): SQL {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return sql`false`;
  const query = words.map((w) => `'${w}':*`).join(" & ");
  // The matching ids first, from the GIN index alone (an array subquery runs once, before the rest):
  // the planner cannot estimate prefix words, and would otherwise walk the queue's order computing
  // every item's words until the page fills, a whole-table walk for a rare address.
  const hits = sql`select ${reviewItems.id} from ${reviewItems} where ${searchWords(reviewItems.searchText)} @@ to_tsquery('simple'::regconfig, ${query})`;
  return sql`${reviewItems.id} = any(array(${hits}))`;
}

function filterWhere(filters: QueueFilters): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  // The Edited tab lists every edited item (approved after the re-send matched, back to review after a
  // mismatch, decided elsewhere), not only those in the transient `edited` state while the re-send is on its way.
  if (filters.state === "edited") parts.push(hasRevision);
  else if (filters.state !== "all") parts.push(eq(reviewItems.state, filters.state));
  if (filters.mailbox) parts.push(eq(reviewItems.mailboxId, filters.mailbox));
  if (filters.findings === "with") parts.push(gt(reviewItems.findingsCount, 0));
  // Subject, addresses, caller and the whole draft, by word prefix on search_text's GIN index (search-text.ts).
  if (filters.q) parts.push(searchMatch(filters.q));
  return and(...parts);
}

/**
 * After this many, a count reads "1,000+": each count reads at most this many index entries, so a
 * request costs the same with a thousand held emails as with a million (at 10,000 a mailbox's count
 * still grew sevenfold between 10k and 100k stored emails). A queue that long needs its number less
 * than its oldest email, which the queue shows first.
 */
export const COUNT_LIMIT = 1_000;

/** Rows matching `where`, counted up to COUNT_LIMIT + 1 from an index (a bounded plan at any size). */
async function boundedCount(db: Db, where: SQL): Promise<number> {
  const capped = db
    .select({ one: sql`1`.as("one") })
    .from(reviewItems)
    .where(where)
    .limit(COUNT_LIMIT + 1)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return Number(row?.n ?? 0);
}

/** Items with a revision, counted up to COUNT_LIMIT + 1: each edited item has exactly one revision 1, so no DISTINCT. */
async function editedCount(db: Db): Promise<number> {
  const capped = db
    .select({ one: sql`1`.as("one") })
    .from(revisions)
    .where(eq(revisions.number, 1))
    .limit(COUNT_LIMIT + 1)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return Number(row?.n ?? 0);
}

/** Keyset position as a row value, so (held_at, id) is one index condition, not an OR the planner filters. */
function afterCursor(after: { heldAt: Date; id: string }): SQL {
  return sql`(${reviewItems.heldAt}, ${reviewItems.id}) > (${after.heldAt.toISOString()}::timestamptz, ${after.id}::uuid)`;
}

/**
 * Held emails past their due time, counted up to COUNT_LIMIT + 1 on the due index: a range of its
 * leading key, read in its order (the ORDER BY keeps the planner on that index at any size).
 */
async function overdueCount(db: Db, now: Date): Promise<number> {
  const capped = db
    .select({ one: sql`1`.as("one") })
    .from(reviewItems)
    .where(sql`${heldLiteral} and ${dueKey} < ${now.toISOString()}::timestamptz`)
    .orderBy(asc(dueKey))
    .limit(COUNT_LIMIT + 1)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return Number(row?.n ?? 0);
}

/** The due index is partial on held items: its predicate written as a literal, so every plan (generic ones too) can use it. */
const heldLiteral = sql`${reviewItems.state} = 'pending'`;

/** One page of the queue, "Due first" when asked on the Held tab, else oldest hold first. */
function queuePageRows(db: Db, filters: QueueFilters) {
  if (sortsByDue(filters)) {
    const after = decodeDueCursor(filters.cursor);
    return db
      .select()
      .from(reviewItems)
      .where(and(heldLiteral, filterWhere(filters), after ? afterDueCursor(after) : undefined))
      .orderBy(asc(dueKey), asc(reviewItems.id))
      .limit(filters.limit + 1);
  }
  const after = decodeCursor(filters.cursor);
  return db
    .select()
    .from(reviewItems)
    .where(and(filterWhere(filters), after ? afterCursor(after) : undefined))
    .orderBy(asc(reviewItems.heldAt), asc(reviewItems.id))
    .limit(filters.limit + 1);
}

/** Without a mailbox, problems or search filter, the Held tab matches every held email: no second count. */
const narrowsHeld = (filters: QueueFilters) => Boolean(filters.mailbox || filters.findings || filters.q);

/**
 * The held emails a queue filter matches, at most `cap` (a bulk decision's "select all matching"),
 * in the queue's order; `more` says the filter matched more than the cap.
 */
export async function resolveQueueSelection(db: Db, filters: Omit<QueueFilters, "cursor" | "limit">, cap: number): Promise<{ ids: string[]; more: boolean }> {
  const held: QueueFilters = { ...filters, state: "pending", limit: cap };
  const rows = await queuePageRows(db, held);
  return { ids: rows.slice(0, cap).map((r) => r.id), more: rows.length > cap };
}

/** The header's counts on every page: two bounded index reads, not a whole queue page. */
export async function queueCounts(db: Db, now: Date = new Date()): Promise<QueueCounts> {
  const [pending, overdue] = await Promise.all([boundedCount(db, eq(reviewItems.state, "pending")), overdueCount(db, now)]);
  return { pending, overdue, limit: COUNT_LIMIT };
}

export async function listQueue(db: Db, filters: QueueFilters, configured: boolean, now: Date = new Date()): Promise<QueuePage> {
  const [rows, labels, { pending, overdue }, edited, resending, matching] = await Promise.all([
    queuePageRows(db, filters),
    mailboxLabels(db),
    queueCounts(db, now),
    editedCount(db),
    boundedCount(db, eq(reviewItems.state, "edited")),
    filters.state === "pending" && narrowsHeld(filters) ? boundedCount(db, filterWhere(filters) ?? sql`true`) : null,
  ]);
  const page = rows.slice(0, filters.limit);
  const [delivery, claimed, voice, inbox] = await Promise.all([
    deliveryOf(
      db,
      page.map((r) => r.id),
    ),
    claimsOf(
      db,
      page.map((r) => r.id),
    ),
    queueVoiceOf(db, page),
    inboxAnnotations(db, page),
  ]);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({ ...toRow(r, labels, delivery.get(r.id) ?? "none", claimed.get(r.id)), voice: voice.get(r.id), inbox: inbox.get(r.id) })),
    nextCursor: rows.length > filters.limit && last ? (sortsByDue(filters) ? encodeDueCursor(last) : encodeCursor(last)) : null,
    counts: { pending, edited, resending, overdue, matching: matching ?? (filters.state === "pending" ? pending : 0), limit: COUNT_LIMIT },
    // The mailboxes table (apply-email.ts records every mailbox an item names; the reconciler labels them).
    mailboxes: [...labels.entries()].map(([id, { label }]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label)),
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

/**
 * An email's story from the audit log, oldest first: its own read, so the review page streams it
 * into its History panel apart from the draft (index: audit_log (item_id, at)). Null for a malformed id.
 */
export async function getItemHistory(db: Db, itemId: string): Promise<ItemHistory | null> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return null;
  const rows = await db.select().from(auditLog).where(eq(auditLog.itemId, itemId)).orderBy(asc(auditLog.at), asc(auditLog.id));
  // Releasing a claim happens on every page close: it belongs in Activity, not in the email's story.
  return rows
    .filter((a) => a.action !== "claim.released")
    .map((a) => ({ id: a.id, at: a.at.toISOString(), actor: a.actor, action: a.action, emailId: a.emailId, summary: summarizeAudit(a.action, a.details) }));
}

/** Whether an item exists: the review page answers 404 before it starts streaming (one primary-key read). */
export async function itemExists(db: Db, itemId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return false;
  const [row] = await db.select({ id: reviewItems.id }).from(reviewItems).where(eq(reviewItems.id, itemId));
  return Boolean(row);
}

export async function getItemDetail(db: Db, itemId: string, options: { allowRemote?: boolean } = {}): Promise<ItemDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return null;
  const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, itemId));
  if (!item) return null;
  const [emailRows, revisionRows, decisionRows, labels, around, claimed] = await Promise.all([
    db.select().from(emails).where(eq(emails.itemId, item.id)),
    db.select().from(revisions).where(eq(revisions.itemId, item.id)).orderBy(asc(revisions.number)),
    db.select().from(decisions).where(eq(decisions.itemId, item.id)).orderBy(asc(decisions.createdAt)),
    mailboxLabels(db),
    neighboursOf(db, item),
    claimsOf(db, [item.id]),
  ]);
  const inbox = (await inboxAnnotations(db, [item])).get(item.id);
  const current = emailRows.find((e) => e.id === item.currentEmailId) ?? emailRows.find((e) => e.id === item.rootEmailId);
  if (!current) return null;
  const root = emailRows.find((e) => e.id === item.rootEmailId);
  const link = readSessionLink({ metadata: current.metadata ?? null, tags: current.tags });
  const latest = decisionRows.filter((d) => d.delivery !== "undone").at(-1);
  return {
    item: {
      ...toRow(item, labels, latest?.delivery ?? "none", claimed.get(item.id)),
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
    previousItemId: around.previousItemId,
    nextItemId: around.nextItemId,
  };
}
