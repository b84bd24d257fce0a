-- Contact and activity searches by part of an address or name use trigram indexes instead of scanning
-- (pg_trgm, enabled in 0007). The recipients of outbound mail are indexed as one lower-cased string;
-- array_to_string is only STABLE in general, but on text[] it does not depend on any setting.
CREATE OR REPLACE FUNCTION countersign_address_list(addresses text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT lower(array_to_string(addresses, ' ')) $$;--> statement-breakpoint
CREATE INDEX "audit_log_actor_trgm_idx" ON "audit_log" USING gin ("actor" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "emails_inbound_from_trgm_idx" ON "emails" USING gin ("from_address" gin_trgm_ops) WHERE "emails"."direction" = 'inbound';--> statement-breakpoint
CREATE INDEX "emails_outbound_to_trgm_idx" ON "emails" USING gin (countersign_address_list("to_addresses") gin_trgm_ops) WHERE "emails"."direction" = 'outbound';--> statement-breakpoint
CREATE INDEX "review_items_caller_email_trgm_idx" ON "review_items" USING gin ("caller_email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "review_items_caller_name_trgm_idx" ON "review_items" USING gin ("caller_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "voice_participants_name_trgm_idx" ON "voice_participants" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "voice_participants_contact_trgm_idx" ON "voice_participants" USING gin ("contact_email" gin_trgm_ops);--> statement-breakpoint