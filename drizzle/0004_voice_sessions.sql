CREATE TABLE "voice_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_sid" text NOT NULL,
	"identity" text NOT NULL,
	"sid" text,
	"name" text,
	"kind" text DEFAULT 'STANDARD' NOT NULL,
	"metadata" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"joined_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"disconnect_reason" text,
	"last_event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voice_recordings" (
	"egress_id" text PRIMARY KEY NOT NULL,
	"room_sid" text,
	"room_name" text,
	"status" text NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"error" text,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voice_sessions" (
	"room_sid" text PRIMARY KEY NOT NULL,
	"room_name" text,
	"room_metadata" text,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"jobs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voice_transcripts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_sid" text NOT NULL,
	"job_id" text NOT NULL,
	"room_name" text,
	"agent_name" text,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"close_reason" text,
	"items" jsonb NOT NULL,
	"item_count" integer NOT NULL,
	"body_sha256" text NOT NULL,
	"recording" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "room_sid" text;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "room_name" text;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "job_id" text;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "findings_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "voice_participants_room_identity_idx" ON "voice_participants" USING btree ("room_sid","identity");--> statement-breakpoint
CREATE INDEX "voice_recordings_room_idx" ON "voice_recordings" USING btree ("room_sid");--> statement-breakpoint
CREATE INDEX "voice_sessions_room_name_idx" ON "voice_sessions" USING btree ("room_name","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_transcripts_room_job_idx" ON "voice_transcripts" USING btree ("room_sid","job_id");--> statement-breakpoint
CREATE INDEX "review_items_room_sid_idx" ON "review_items" USING btree ("room_sid");--> statement-breakpoint
CREATE INDEX "review_items_room_name_idx" ON "review_items" USING btree ("room_name");