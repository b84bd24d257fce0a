CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"item_id" uuid,
	"email_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"email_id" text NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"actor" text NOT NULL,
	"delivery" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"upstream_status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "emails" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" uuid,
	"role" text DEFAULT 'original' NOT NULL,
	"mailbox_id" text NOT NULL,
	"direction" text DEFAULT 'outbound' NOT NULL,
	"status" text NOT NULL,
	"from_address" text DEFAULT '' NOT NULL,
	"to_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"cc_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"markdown" text DEFAULT '' NOT NULL,
	"thread_id" text,
	"metadata" jsonb,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"received_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"delivered_at" timestamp with time zone,
	"bounced_at" timestamp with time zone,
	"bounce_type" text,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"id" text PRIMARY KEY NOT NULL,
	"address" text NOT NULL,
	"display_name" text,
	"oversight_mode" text,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"root_email_id" text NOT NULL,
	"current_email_id" text NOT NULL,
	"mailbox_id" text NOT NULL,
	"state" text NOT NULL,
	"attention" text,
	"from_address" text DEFAULT '' NOT NULL,
	"to_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"preview" text DEFAULT '' NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"session_id" text,
	"caller_email" text,
	"caller_name" text,
	"transcript_url" text,
	"decision" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"delivered_at" timestamp with time zone,
	"bounced_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"base_email_id" text NOT NULL,
	"subject" text NOT NULL,
	"markdown" text NOT NULL,
	"to_addresses" text[] NOT NULL,
	"cc_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"content_hash" text NOT NULL,
	"author" text NOT NULL,
	"resend_state" text DEFAULT 'waiting_reject' NOT NULL,
	"resent_email_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"event_type" text NOT NULL,
	"subject_id" text,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_item_idx" ON "audit_log" USING btree ("item_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_email_idx" ON "decisions" USING btree ("email_id");--> statement-breakpoint
CREATE INDEX "decisions_outbox_idx" ON "decisions" USING btree ("delivery","next_attempt_at");--> statement-breakpoint
CREATE INDEX "emails_item_idx" ON "emails" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_root_email_idx" ON "review_items" USING btree ("root_email_id");--> statement-breakpoint
CREATE INDEX "review_items_queue_idx" ON "review_items" USING btree ("state","held_at","id");--> statement-breakpoint
CREATE INDEX "review_items_mailbox_idx" ON "review_items" USING btree ("mailbox_id");--> statement-breakpoint
CREATE UNIQUE INDEX "revisions_item_number_idx" ON "revisions" USING btree ("item_id","number");--> statement-breakpoint
CREATE INDEX "revisions_resent_idx" ON "revisions" USING btree ("resent_email_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_dedupe_idx" ON "webhook_deliveries" USING btree ("source","dedupe_key");