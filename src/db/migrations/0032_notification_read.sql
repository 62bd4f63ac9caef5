-- The portal's Notifications: when the recipient opened a mail (null: unread), kept on the outbox row
-- so the unread state is the same on every device and after a reload.
ALTER TABLE "mail_outbox" ADD COLUMN "read_at" timestamp (3) with time zone;--> statement-breakpoint
-- Mail sent before the read state existed counts as read (no badge for old mail after the upgrade).
UPDATE "mail_outbox" SET "read_at" = "created_at" WHERE "recipient_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "mail_outbox_unread_idx" ON "mail_outbox" USING btree ("recipient_user_id") WHERE "read_at" is null;
