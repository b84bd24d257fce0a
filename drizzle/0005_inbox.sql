CREATE TABLE "agent_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inbox_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mailbox_id" text NOT NULL,
	"in_reply_to" text NOT NULL,
	"thread_id" text,
	"email_id" text,
	"author_id" text NOT NULL,
	"author_name" text NOT NULL,
	"state" text DEFAULT 'sending' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "agent_keys_hash_idx" ON "agent_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "agent_keys_prefix_idx" ON "agent_keys" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "inbox_replies_email_idx" ON "inbox_replies" USING btree ("email_id");--> statement-breakpoint
CREATE INDEX "inbox_replies_thread_idx" ON "inbox_replies" USING btree ("mailbox_id","thread_id");