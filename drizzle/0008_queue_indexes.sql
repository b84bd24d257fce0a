-- The queue's "all states" order and its "with problems only" filter, each served by an index.
CREATE INDEX "review_items_all_idx" ON "review_items" USING btree ("held_at","id");--> statement-breakpoint
CREATE INDEX "review_items_findings_idx" ON "review_items" USING btree ("state","held_at","id") WHERE "review_items"."findings_count" > 0;