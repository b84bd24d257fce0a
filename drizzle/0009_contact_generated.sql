-- The sender's bare address is computed by the database, so no write path (or fixture) can leave it out.
ALTER TABLE "emails" drop column "from_contact";--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "from_contact" text GENERATED ALWAYS AS (nullif(lower(btrim(regexp_replace(coalesce(substring(from_address from '<([^<>]+)>'), from_address), '^mailto:', '', 'i'))), '')) STORED;--> statement-breakpoint
CREATE INDEX "emails_inbound_contact_idx" ON "emails" USING btree ("from_contact","received_at") WHERE "emails"."direction" = 'inbound';
