-- Per-mailbox SLA: a due time on each review item (call end or hold time + sla_minutes), its escalation mark, and an index for "Due first" and the overdue count.
ALTER TABLE "mailboxes" ADD COLUMN "sla_minutes" integer;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "review_items_due_idx" ON "review_items" USING btree ("state",coalesce("due_at", 'infinity'::timestamptz),"id") WHERE "review_items"."state" = 'pending';