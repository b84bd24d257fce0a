-- Queries that stay flat at a million rows: normalised contact addresses, a trigram index for the
-- queue search (pg_trgm: PostgreSQL contrib, and a PGlite extension), and the indexes the queue,
-- thread, stale-hold and contact-session queries use. Existing rows are backfilled.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "review_items_mailbox_idx";--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "from_contact" text;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "voice_participants" ADD COLUMN "contact_email" text;--> statement-breakpoint
CREATE INDEX "emails_thread_idx" ON "emails" USING btree ("thread_id");--> statement-breakpoint
CREATE INDEX "emails_inbound_contact_idx" ON "emails" USING btree ("from_contact","received_at") WHERE "emails"."direction" = 'inbound';--> statement-breakpoint
CREATE INDEX "review_items_mailbox_queue_idx" ON "review_items" USING btree ("mailbox_id","state","held_at","id");--> statement-breakpoint
CREATE INDEX "review_items_caller_email_idx" ON "review_items" USING btree (lower("caller_email"));--> statement-breakpoint
CREATE INDEX "review_items_search_idx" ON "review_items" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "voice_participants_contact_idx" ON "voice_participants" USING btree ("contact_email");--> statement-breakpoint
UPDATE "emails" SET "from_contact" = nullif(lower(trim(regexp_replace(coalesce(substring("from_address" from '<([^<>]+)>'), "from_address"), '^mailto:', '', 'i'))), '');--> statement-breakpoint
UPDATE "review_items" AS ri SET "search_text" = lower(concat_ws(' ', ri."subject", ri."from_address", array_to_string(ri."to_addresses", ' '), ri."caller_name", ri."caller_email", left(e."markdown", 20000))) FROM "emails" AS e WHERE e."id" = ri."current_email_id";