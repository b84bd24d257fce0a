-- Held items by due time, with the due time leading: "due before now" (the overdue count, escalation)
-- and a deep "Due first" page are bounded ranges. The index it replaces led with state, constant
-- under its own predicate, so the planner could not bound a range of the due time and walked the
-- whole index (about 20 ms a queue request at a million held emails, for the overdue count alone).
DROP INDEX "review_items_due_idx";--> statement-breakpoint
CREATE INDEX "review_items_held_due_idx" ON "review_items" USING btree (coalesce("due_at", 'infinity'::timestamptz),"id") WHERE "review_items"."state" = 'pending';