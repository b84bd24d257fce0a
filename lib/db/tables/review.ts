// Tables of the review loop: held emails grouped into review items, decisions (the outbox), revisions,
// webhook deliveries and the append-only audit log. One schema for PGlite and PostgreSQL.
import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The lifecycle's states and moves are in lib/review/state.ts; these are their stored values. */
export const itemStateEnum = pgEnum("item_state", ["pending", "approved", "rejected", "edited", "decided_elsewhere"]);
/** What decided an item: a reviewer's approve/reject/edit, or MultiMail's cancel. */
export const itemDecisionEnum = pgEnum("item_decision", ["approve", "reject", "edit", "cancel"]);
/** What a decision row asks MultiMail to do (POST /v1/oversight/decide). */
export const decisionActionEnum = pgEnum("decision_action", ["approve", "reject"]);
/**
 * pending     waiting in the outbox (or being delivered)
 * delivered   MultiMail acknowledged it (or already held the same outcome)
 * failed      MultiMail refused it while still holding the email: the item is back in front of a reviewer
 * superseded  the email was decided another way outside Countersign first
 */
export const deliveryStateEnum = pgEnum("decision_delivery", ["pending", "delivered", "failed", "superseded", "undone"]);
export const resendStateEnum = pgEnum("resend_state", ["waiting_reject", "sending", "sent", "matched", "mismatched", "abandoned", "failed"]);

/**
 * A review item is what a reviewer sees as one row in the queue: a held email, and after an
 * edit, the chain original → revision → re-sent email (DESIGN.md flow 4).
 */
/**
 * The words of an item's search text for full-text search, unstemmed: addresses, references and
 * numbers split at "@", dots, dashes, underscores, slashes, plus signs and colons, so each part is a
 * word ("AD-4417" is "ad" and "4417", not "ad" and "-4417"). The queue's filter and its GIN index
 * use this one expression.
 */
export function searchWords(column: AnyPgColumn) {
  return sql`to_tsvector('simple'::regconfig, translate(${column}, '@.-_/+:', '       '))`;
}

export const reviewItems = pgTable(
  "review_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The MultiMail email the item started from. */
    rootEmailId: text("root_email_id").notNull(),
    /** The email a decision applies to now (the re-sent one after an edit). */
    currentEmailId: text("current_email_id").notNull(),
    mailboxId: text("mailbox_id").notNull(),
    /** Written only by lib/review/lifecycle.ts; the moves are in lib/review/state.ts. */
    state: itemStateEnum("state").notNull(),
    /** Why the item is back in front of a reviewer, e.g. a re-send that did not match. */
    attention: text("attention"),
    fromAddress: text("from_address").notNull().default(""),
    toAddresses: text("to_addresses")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    subject: text("subject").notNull().default(""),
    preview: text("preview").notNull().default(""),
    heldAt: ts("held_at").notNull(),
    sessionId: text("session_id"),
    callerEmail: text("caller_email"),
    callerName: text("caller_name"),
    transcriptUrl: text("transcript_url"),
    /** The voice session (lib/livekit/link-session.ts): the room sid once known, and what the email named. */
    roomSid: text("room_sid"),
    roomName: text("room_name"),
    jobId: text("job_id"),
    /**
     * What the queue search matches (lib/text/search-text.ts): subject, addresses, caller and the
     * current draft, lower-cased; its words are indexed for full-text search (searchWords above).
     */
    searchText: text("search_text").notNull().default(""),
    /** Evidence findings that need a reviewer's eye (lib/livekit/item-evidence.ts), for the queue filter. */
    findingsCount: integer("findings_count").notNull().default(0),
    /** Whose words the current email is (an edit or a reply); under four-eyes they may not approve it. */
    authoredBy: text("authored_by"),
    decision: itemDecisionEnum("decision"),
    decidedBy: text("decided_by"),
    decidedAt: ts("decided_at"),
    decisionReason: text("decision_reason"),
    deliveredAt: ts("delivered_at"),
    bouncedAt: ts("bounced_at"),
    /**
     * When a decision is due under the mailbox's SLA (lib/review/sla.ts): the call's end, or the hold
     * time without a voice session, plus mailboxes.sla_minutes; null without an SLA.
     */
    dueAt: ts("due_at"),
    /** When lib/review/sla.ts findNearBreach returned the item for escalation (once per due time). */
    escalatedAt: ts("escalated_at"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /** When data retention cleared this item's bodies and transcript (lib/retention/purge.ts); null while kept. */
    purgedAt: ts("purged_at"),
  },
  (t) => [
    uniqueIndex("review_items_root_email_idx").on(t.rootEmailId),
    index("review_items_queue_idx").on(t.state, t.heldAt, t.id),
    index("review_items_all_idx").on(t.heldAt, t.id),
    index("review_items_findings_idx")
      .on(t.state, t.heldAt, t.id)
      .where(sql`${t.findingsCount} > 0`),
    index("review_items_mailbox_queue_idx").on(t.mailboxId, t.state, t.heldAt, t.id),
    index("review_items_caller_email_idx").on(sql`lower(${t.callerEmail})`),
    // The queue search's words (lib/text/search-text.ts).
    index("review_items_search_words_idx").using("gin", searchWords(t.searchText)),
    index("review_items_caller_email_trgm_idx").using("gin", t.callerEmail.op("gin_trgm_ops")),
    index("review_items_caller_name_trgm_idx").using("gin", t.callerName.op("gin_trgm_ops")),
    index("review_items_room_sid_idx").on(t.roomSid),
    index("review_items_room_name_idx").on(t.roomName),
    // Data retention's next batch: decided items not purged yet, oldest decision first.
    index("review_items_retention_idx")
      .on(t.decidedAt)
      .where(sql`${t.decidedAt} is not null and ${t.purgedAt} is null`),
    // "Due first", the overdue count and escalation: held items by due time, no SLA (null) last. The
    // due time leads: a range of it ("due before now") is a bounded scan, where a leading state
    // column (constant under the predicate) made every range a walk of the whole index.
    index("review_items_held_due_idx")
      .on(sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.state} = 'pending'`),
    // Insights read decisions by decided time (lib/insights): all mailboxes, or one mailbox's latest.
    index("review_items_decided_idx")
      .on(t.decidedAt)
      .where(sql`${t.decidedAt} is not null`),
    index("review_items_mailbox_decided_idx")
      .on(t.mailboxId, t.decidedAt)
      .where(sql`${t.decidedAt} is not null`),
  ],
);

/** Every MultiMail email an item touches, as last synced from the API (webhooks are hints). */
export const emails = pgTable(
  "emails",
  {
    id: text("id").primaryKey(),
    itemId: uuid("item_id").references(() => reviewItems.id),
    /** original | resent */
    role: text("role").notNull().default("original"),
    mailboxId: text("mailbox_id").notNull(),
    direction: text("direction").notNull().default("outbound"),
    status: text("status").notNull(),
    fromAddress: text("from_address").notNull().default(""),
    /**
     * The bare sender address, lower-cased, computed by the database from from_address (as
     * lib/inbox/addresses.ts addressOf does), so no write path can leave it out.
     */
    fromContact: text("from_contact").generatedAlwaysAs(
      sql`nullif(lower(btrim(regexp_replace(coalesce(substring(from_address from '<([^<>]+)>'), from_address), '^mailto:', '', 'i'))), '')`,
    ),
    toAddresses: text("to_addresses")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ccAddresses: text("cc_addresses")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    subject: text("subject").notNull().default(""),
    markdown: text("markdown").notNull().default(""),
    threadId: text("thread_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown> | null>(),
    tags: jsonb("tags").$type<Record<string, string>>().notNull().default({}),
    receivedAt: ts("received_at"),
    approvedAt: ts("approved_at"),
    approvedBy: text("approved_by"),
    deliveredAt: ts("delivered_at"),
    bouncedAt: ts("bounced_at"),
    bounceType: text("bounce_type"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
    /** When data retention replaced the body with a note (lib/retention/purge.ts). */
    purgedAt: ts("purged_at"),
  },
  (t) => [
    index("emails_item_idx").on(t.itemId),
    index("emails_thread_idx").on(t.threadId),
    // Stale holds: a contact's newer inbound mail (lib/inbox/find-stale-holds.ts).
    index("emails_inbound_contact_idx")
      .on(t.fromContact, t.receivedAt)
      .where(sql`${t.direction} = 'inbound'`),
    // Contact search by part of an address or name (lib/inbox/search-contacts.ts): trigram indexes.
    index("emails_inbound_from_trgm_idx")
      .using("gin", t.fromAddress.op("gin_trgm_ops"))
      .where(sql`${t.direction} = 'inbound'`),
    index("emails_outbound_to_trgm_idx")
      .using("gin", sql`countersign_address_list(${t.toAddresses}) gin_trgm_ops`)
      .where(sql`${t.direction} = 'outbound'`),
  ],
);

/**
 * A reviewer's decision on one email, and the outbox that delivers it to MultiMail.
 * The unique email id is what makes a decision exactly-once.
 */
export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => reviewItems.id),
    emailId: text("email_id").notNull(),
    action: decisionActionEnum("action").notNull(),
    reason: text("reason"),
    actor: text("actor").notNull(),
    delivery: deliveryStateEnum("delivery").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    upstreamStatus: text("upstream_status"),
    /** The item's fields before this decision, put back by an undo within the grace period (lifecycle.ts). */
    restore: jsonb("restore").$type<Record<string, unknown>>(),
    createdAt: ts("created_at").notNull().defaultNow(),
    deliveredAt: ts("delivered_at"),
  },
  (t) => [
    // One live decision per email: a decision MultiMail refused (failed) or the reviewer undid leaves
    // room for the next one. Listed by the states that count: a new enum value cannot be used in the migration that adds it.
    uniqueIndex("decisions_email_live_idx")
      .on(t.emailId)
      .where(sql`${t.delivery} in ('pending', 'delivered', 'superseded')`),
    index("decisions_item_idx").on(t.itemId),
    index("decisions_outbox_idx").on(t.delivery, t.nextAttemptAt),
  ],
);

/** An edit: the reviewer's version of the draft, re-sent with the send key once the original is rejected. */
export const revisions = pgTable(
  "revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => reviewItems.id),
    number: integer("number").notNull(),
    baseEmailId: text("base_email_id").notNull(),
    subject: text("subject").notNull(),
    markdown: text("markdown").notNull(),
    toAddresses: text("to_addresses").array().notNull(),
    ccAddresses: text("cc_addresses")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    contentHash: text("content_hash").notNull(),
    author: text("author").notNull(),
    resendState: resendStateEnum("resend_state").notNull().default("waiting_reject"),
    resentEmailId: text("resent_email_id"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    /** When data retention replaced the body with a note (lib/retention/purge.ts). */
    purgedAt: ts("purged_at"),
  },
  (t) => [uniqueIndex("revisions_item_number_idx").on(t.itemId, t.number), index("revisions_resent_idx").on(t.resentEmailId)],
);

/**
 * Each webhook delivery, recorded once by its dedupe key before it is acknowledged: a durable inbox.
 * A row without processed_at is processed (again) until it succeeds (lib/review/process-deliveries.ts).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    source: text("source").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    eventType: text("event_type").notNull(),
    subjectId: text("subject_id"),
    payload: jsonb("payload").notNull(),
    receivedAt: ts("received_at").notNull().defaultNow(),
    processedAt: ts("processed_at"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_dedupe_idx").on(t.source, t.dedupeKey),
    index("webhook_deliveries_unprocessed_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.processedAt} is null`),
  ],
);

/** Append-only (a trigger refuses UPDATE and DELETE): every ingest, decision and edit. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: ts("at").notNull().defaultNow(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    itemId: uuid("item_id"),
    emailId: text("email_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_log_item_idx").on(t.itemId, t.at),
    index("audit_log_at_idx").on(t.at),
    // The Activity page's filter by part of an actor's name or address.
    index("audit_log_actor_trgm_idx").using("gin", t.actor.op("gin_trgm_ops")),
  ],
);

/** MultiMail mailboxes, as last listed by the reconciler (labels and filters; inbox counts later). */
export const mailboxes = pgTable("mailboxes", {
  id: text("id").primaryKey(),
  address: text("address").notNull(),
  displayName: text("display_name"),
  oversightMode: text("oversight_mode"),
  /** Decide within this many minutes of the call's end (lib/review/sla.ts); null: no SLA. Set by admins. */
  slaMinutes: integer("sla_minutes"),
  syncedAt: ts("synced_at").notNull().defaultNow(),
});

/** Named leases so one instance runs the background work at a time (works on PGlite and PostgreSQL). */
export const leases = pgTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: ts("expires_at").notNull(),
});
