// Tables of the team inbox: the agent API keys an admin hands to voice agents (only a SHA-256 of
// each key is kept), and the replies reviewers write in Countersign (who wrote which MultiMail email).
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A key for GET /api/v1/contacts/{email}/context; the key itself is shown once, at creation. */
export const agentKeys = pgTable(
  "agent_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** The key's first characters (e.g. `csk_a1b2c3d4`), to recognise it in lists and logs. */
    prefix: text("prefix").notNull(),
    /** Hex SHA-256 of the whole key. */
    keyHash: text("key_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    revokedAt: ts("revoked_at"),
    revokedBy: text("revoked_by"),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [uniqueIndex("agent_keys_hash_idx").on(t.keyHash), index("agent_keys_prefix_idx").on(t.prefix)],
);

/**
 * A reply written in Countersign and sent through the send key. MultiMail holds it like any agent
 * email; when it comes back for review, this row says whose words it is (four-eyes).
 */
export const inboxReplies = pgTable(
  "inbox_replies",
  {
    /** Also the idempotency key of the reply, so a retried send never sends twice. */
    id: uuid("id").primaryKey().defaultRandom(),
    mailboxId: text("mailbox_id").notNull(),
    /** The email replied to. */
    inReplyTo: text("in_reply_to").notNull(),
    threadId: text("thread_id"),
    /** The email MultiMail created for the reply, once it answered. */
    emailId: text("email_id"),
    authorId: text("author_id").notNull(),
    authorName: text("author_name").notNull(),
    /** sending | sent | failed */
    state: text("state").notNull().default("sending"),
    error: text("error"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("inbox_replies_email_idx").on(t.emailId), index("inbox_replies_thread_idx").on(t.mailboxId, t.threadId)],
);
