-- The queue search matches words, not substrings: each word of a query is a prefix of a word of the
-- item's search text (split at "@", dots, dashes and the like), on a GIN index over that text's words. The
-- trigram index it replaces read every item sharing a common trigram ("cal", "com"): at a million
-- items a search for one caller's address grew with the table.
DROP INDEX "review_items_search_idx";--> statement-breakpoint
CREATE INDEX "review_items_search_words_idx" ON "review_items" USING gin (to_tsvector('simple'::regconfig, translate("search_text", '@.-_/+:', '       ')));