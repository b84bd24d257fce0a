// Per-user preferences: small switches a person sets for themselves (the keyboard shortcuts).
import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth";

export const userPreferences = pgTable("user_preferences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  /** Single-key shortcuts (a, r, e, j, k, z, ?) on; off for people whose speech input or tremor types keys by accident (WCAG 2.1.4). */
  singleKeyShortcuts: boolean("single_key_shortcuts").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
