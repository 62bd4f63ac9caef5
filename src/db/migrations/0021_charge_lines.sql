-- TRM-1, TRM-3, TRM-6: the rest of a subscription's term. A term is billed in periods of its billing
-- cycle from its start (cycles_billed of them so far; next_cycle_at is when the next one's fee is due,
-- null once the term's last period is charged). seat_windows holds the seats still refundable (TRM-3):
-- [{"quantity": n, "closesAt": ISO time}], newest last. The scheduled_* columns are the changes a
-- renewal applies (null: keep the current value).
ALTER TABLE "subscriptions" ADD COLUMN "cycles_billed" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "next_cycle_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "seat_windows" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "scheduled_quantity" integer;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "scheduled_term_duration" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "scheduled_billing_cycle" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "scheduled_sku_id" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "ended_at" timestamp (3) with time zone;--> statement-breakpoint
-- TRM-1: the renewal reminders sent for the current term (1: 30 days before its end, 2: also 7 days).
ALTER TABLE "subscriptions" ADD COLUMN "reminders_sent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "subscriptions" SET "next_cycle_at" = ("term_start_at" AT TIME ZONE 'UTC' + CASE "billing_cycle" WHEN 'annual' THEN interval '12 months' ELSE interval '1 month' END) AT TIME ZONE 'UTC';--> statement-breakpoint
UPDATE "subscriptions" SET "next_cycle_at" = NULL WHERE "next_cycle_at" >= "commitment_end_at";--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_scheduled_quantity_check" CHECK ("scheduled_quantity" IS NULL OR "scheduled_quantity" >= 1);--> statement-breakpoint
-- The renewal sweep reads the terms that have reached their end; the cycle-fee sweep the periods that are due.
CREATE INDEX "subscriptions_commitment_end_idx" ON "subscriptions" USING btree ("commitment_end_at") WHERE "status" IN ('active', 'suspended');--> statement-breakpoint
CREATE INDEX "subscriptions_next_cycle_idx" ON "subscriptions" USING btree ("next_cycle_at") WHERE "status" IN ('active', 'suspended') AND "next_cycle_at" IS NOT NULL;--> statement-breakpoint
-- TRM-6: rated charge lines, append-only: every lifecycle event writes its lines in its own transaction,
-- amounts in minor units of the subscription's currency at all four price levels (credits negative);
-- the proration factor is charged_days / period_days.
CREATE TABLE "charge_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL REFERENCES "subscriptions"("id"),
	"customer_tenant_id" uuid NOT NULL,
	"provider_tenant_id" uuid NOT NULL,
	"reseller_tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"sku_id" text NOT NULL,
	"charge_type" text NOT NULL,
	"quantity" integer NOT NULL,
	"term_start_at" timestamp (3) with time zone NOT NULL,
	"period_start" timestamp (3) with time zone NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"charged_days" integer NOT NULL,
	"period_days" integer NOT NULL,
	"list_amount" bigint NOT NULL,
	"provider_amount" bigint NOT NULL,
	"reseller_amount" bigint NOT NULL,
	"customer_amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charge_lines_type_check" CHECK ("charge_type" IN ('purchase', 'cycleFee', 'seatIncrease', 'refund', 'cancellation', 'renewal', 'upgradeCredit', 'upgradeCharge')),
	CONSTRAINT "charge_lines_quantity_check" CHECK ("quantity" > 0),
	CONSTRAINT "charge_lines_period_check" CHECK ("period_end" > "period_start" AND "period_days" > 0 AND "charged_days" >= 0 AND "charged_days" <= "period_days")
);--> statement-breakpoint
-- A period's fee is charged once: a sweep that runs twice, or two workers, cannot charge it again.
CREATE UNIQUE INDEX "charge_lines_once_idx" ON "charge_lines" USING btree ("subscription_id","charge_type","period_start") WHERE "charge_type" IN ('purchase', 'cycleFee', 'renewal');--> statement-breakpoint
CREATE INDEX "charge_lines_subscription_idx" ON "charge_lines" USING btree ("subscription_id","period_start","id");--> statement-breakpoint
CREATE INDEX "charge_lines_created_idx" ON "charge_lines" USING btree ("created_at");--> statement-breakpoint
CREATE FUNCTION "refuse_charge_line_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'charge lines are append-only: a correction is a new line' USING ERRCODE = 'restrict_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER "charge_lines_append_only" BEFORE UPDATE OR DELETE ON "charge_lines" FOR EACH ROW EXECUTE FUNCTION "refuse_charge_line_change"();--> statement-breakpoint
-- Subscriptions bought before charge lines existed get their first period's line, as a purchase writes it.
INSERT INTO "charge_lines" ("subscription_id", "customer_tenant_id", "provider_tenant_id", "reseller_tenant_id", "order_id", "offer_id", "sku_id", "charge_type", "quantity",
  "term_start_at", "period_start", "period_end", "charged_days", "period_days", "list_amount", "provider_amount", "reseller_amount", "customer_amount", "currency", "created_at")
SELECT "id", "customer_tenant_id", "provider_tenant_id", "reseller_tenant_id", "order_id", "offer_id", "sku_id", 'purchase', "quantity",
  "term_start_at", "term_start_at", coalesce("next_cycle_at", "commitment_end_at"),
  greatest(1, (coalesce("next_cycle_at", "commitment_end_at") AT TIME ZONE 'UTC')::date - ("term_start_at" AT TIME ZONE 'UTC')::date),
  greatest(1, (coalesce("next_cycle_at", "commitment_end_at") AT TIME ZONE 'UTC')::date - ("term_start_at" AT TIME ZONE 'UTC')::date),
  "list_price" * "quantity", "provider_cost" * "quantity", "reseller_price" * "quantity", "customer_price" * "quantity", "currency", "created_at"
FROM "subscriptions" WHERE "status" <> 'cancelled';
