-- Data retention (lib/retention/purge.ts, RETENTION_DAYS): when bodies and transcripts were replaced by a note, and
-- the index that finds the next decided items to purge, oldest decision first.
ALTER TABLE "emails" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voice_transcripts" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "review_items_retention_idx" ON "review_items" USING btree ("decided_at") WHERE "review_items"."decided_at" is not null and "review_items"."purged_at" is null;