-- Undo: a decision waits out a grace period in the outbox and remembers the item as it was; an undone decision frees the email for the next one.
ALTER TYPE "public"."decision_delivery" ADD VALUE 'undone';--> statement-breakpoint
DROP INDEX "decisions_email_live_idx";--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "restore" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_email_live_idx" ON "decisions" USING btree ("email_id") WHERE "decisions"."delivery" in ('pending', 'delivered', 'superseded');