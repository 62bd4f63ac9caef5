-- TRM-5, TRM-6: billing periods count from an anchor: the term's start, or, for a first term co-termed
-- with another subscription of the customer, that subscription's anchor (so both end together and the
-- new one's first period is a part of one). cycles_billed counts the periods charged from the anchor.
ALTER TABLE "subscriptions" ADD COLUMN "period_anchor_at" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "subscriptions" SET "period_anchor_at" = "term_start_at";--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "period_anchor_at" SET NOT NULL;
