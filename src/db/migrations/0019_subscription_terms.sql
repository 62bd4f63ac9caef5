-- TRM-1: a subscription's term: it starts at purchase (or renewal) and commits the customer until its
-- commitment end (start + P1M, P1Y or P3Y, calendar months in UTC, clamped to the month's last day).
-- TRM-2: the 168-hour cancellation window runs from the term's start. Existing subscriptions started
-- when they were created.
ALTER TABLE "subscriptions" ADD COLUMN "term_start_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "commitment_end_at" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "subscriptions" SET "term_start_at" = "created_at",
  "commitment_end_at" = "created_at" + case "term_duration" when 'P1M' then interval '1 month' when 'P3Y' then interval '3 years' else interval '1 year' end;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "term_start_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "commitment_end_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_term_check" CHECK ("commitment_end_at" > "term_start_at");
