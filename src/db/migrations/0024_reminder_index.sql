-- TRM-1: the renewal reminders that are due are read from an index holding only the terms still owed
-- one (reminders_sent 0 or 1), by that count and end date, so the sweep every 15 minutes reads the due
-- ones and not every active term ending within 30 days.
CREATE INDEX "subscriptions_reminder_due_idx" ON "subscriptions" USING btree ("reminders_sent","commitment_end_at") WHERE "status" = 'active' AND "reminders_sent" < 2;
