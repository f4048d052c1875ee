ALTER TABLE "chat_messages" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD COLUMN "question_id" uuid;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_question_id_chat_messages_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."chat_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_messages_request_id_idx" ON "chat_messages" USING btree ("request_id") WHERE "chat_messages"."request_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_messages_question_id_idx" ON "chat_messages" USING btree ("question_id") WHERE "chat_messages"."question_id" is not null;