-- Typed lifecycle states (lib/review/state.ts), one live decision per email, and webhook deliveries as a durable inbox.
CREATE TYPE "public"."decision_action" AS ENUM('approve', 'reject');--> statement-breakpoint
CREATE TYPE "public"."decision_delivery" AS ENUM('pending', 'delivered', 'failed', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."item_decision" AS ENUM('approve', 'reject', 'edit', 'cancel');--> statement-breakpoint
CREATE TYPE "public"."item_state" AS ENUM('pending', 'approved', 'rejected', 'edited', 'decided_elsewhere');--> statement-breakpoint
CREATE TYPE "public"."resend_state" AS ENUM('waiting_reject', 'sending', 'sent', 'matched', 'mismatched', 'abandoned', 'failed');--> statement-breakpoint
DROP INDEX "decisions_email_idx";--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "action" SET DATA TYPE "public"."decision_action" USING "action"::"public"."decision_action";--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "delivery" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "delivery" SET DATA TYPE "public"."decision_delivery" USING "delivery"::"public"."decision_delivery";--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "delivery" SET DEFAULT 'pending'::"public"."decision_delivery";--> statement-breakpoint
ALTER TABLE "review_items" ALTER COLUMN "state" SET DATA TYPE "public"."item_state" USING "state"::"public"."item_state";--> statement-breakpoint
ALTER TABLE "review_items" ALTER COLUMN "decision" SET DATA TYPE "public"."item_decision" USING "decision"::"public"."item_decision";--> statement-breakpoint
ALTER TABLE "revisions" ALTER COLUMN "resend_state" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "revisions" ALTER COLUMN "resend_state" SET DATA TYPE "public"."resend_state" USING "resend_state"::"public"."resend_state";--> statement-breakpoint
ALTER TABLE "revisions" ALTER COLUMN "resend_state" SET DEFAULT 'waiting_reject'::"public"."resend_state";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_email_live_idx" ON "decisions" USING btree ("email_id") WHERE "decisions"."delivery" <> 'failed';--> statement-breakpoint
CREATE INDEX "decisions_item_idx" ON "decisions" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_unprocessed_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."processed_at" is null;