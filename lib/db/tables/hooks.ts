// Tables of downstream notifications: the hooks admins register (signed JSON hooks, and a Slack-compatible
// incoming webhook per mailbox), the durable outbox of their deliveries, and every attempt's result.
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A registered target. `kind` is `hook` (signed JSON, the events it listed) or `slack` (an incoming
 * webhook of one mailbox, posted `{ "text": … }` on a new held email and on a near breach).
 */
export const hooks = pgTable(
  "hooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    url: text("url").notNull(),
    /** The events a `hook` receives (lib/hooks/events.ts); a `slack` target's are fixed. */
    events: text("events")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** A `slack` target's mailbox. */
    mailboxId: text("mailbox_id"),
    /** A `hook`'s signing secret, AES-256-GCM encrypted (lib/hooks/secret.ts); shown once, at creation. */
    secretEncrypted: text("secret_encrypted"),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("hooks_kind_idx").on(t.kind),
    // One Slack-compatible target per mailbox.
    uniqueIndex("hooks_slack_mailbox_idx")
      .on(t.mailboxId)
      .where(sql`${t.kind} = 'slack'`),
  ],
);

/**
 * The outbox: one row per event and target, written in the transaction of the change that caused it,
 * delivered by the worker until the target answers 2xx or a day has passed.
 */
export const hookDeliveries = pgTable(
  "hook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hookId: uuid("hook_id")
      .notNull()
      .references(() => hooks.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** Once per target, e.g. `near_breach:<item id>`: a second enqueue of the same key is dropped. */
    dedupeKey: text("dedupe_key"),
    /** Attempts in the current round (a re-send starts a new round); the log keeps them all. */
    attempts: integer("attempts").notNull().default(0),
    /** When the current round began; retries stop a day after it. */
    roundStartedAt: ts("round_started_at").notNull().defaultNow(),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    deliveredAt: ts("delivered_at"),
    /** Retries ran out; an admin can re-send. */
    failedAt: ts("failed_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("hook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null and ${t.failedAt} is null`),
    index("hook_deliveries_hook_idx").on(t.hookId, t.createdAt),
    uniqueIndex("hook_deliveries_dedupe_idx").on(t.hookId, t.dedupeKey),
  ],
);

/** Every attempt of a delivery: the delivery log admins read in Settings. */
export const hookAttempts = pgTable(
  "hook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => hookDeliveries.id, { onDelete: "cascade" }),
    attemptedAt: ts("attempted_at").notNull().defaultNow(),
    /** The HTTP status, or null when no answer came (timeout, refused connection). */
    status: integer("status"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    /** Started by an admin's re-send. */
    manual: boolean("manual").notNull().default(false),
  },
  (t) => [index("hook_attempts_delivery_idx").on(t.deliveryId, t.attemptedAt)],
);
