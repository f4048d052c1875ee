DROP INDEX "notifications_user_created_idx";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "source_event_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_user_event_idx" ON "notifications" USING btree ("user_id","source_event_id","id");