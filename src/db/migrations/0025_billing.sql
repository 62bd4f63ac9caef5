-- BIL-1, BIL-2, BIL-3: the month-end billing run. Each calendar month (UTC) of charge lines is closed
-- once: the operator invoices each provider (provider cost), each provider each of its resellers
-- (reseller price), each reseller each of its customers (a statement at the customer price), one
-- document per issuer, recipient and currency. The run is one transaction: a period is closed with all
-- its documents or not at all.
-- The tax rate the operator keeps per market (country), in basis points of the amount (19 % = 1900).
CREATE TABLE "tax_rates" (
	"country" text PRIMARY KEY NOT NULL,
	"rate_bp" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_rates_rate_check" CHECK ("rate_bp" >= 0 AND "rate_bp" <= 10000)
);--> statement-breakpoint
-- One row per closed period, written first by its run (a second run waits on it, then finds it closed).
CREATE TABLE "billing_runs" (
	"period_start" timestamp (3) with time zone PRIMARY KEY NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"documents" integer DEFAULT 0 NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- BIL-2: the last number each issuer gave; numbers follow it without gaps.
CREATE TABLE "invoice_sequences" (
	"issuer_tenant_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"tier" text NOT NULL,
	"issuer_tenant_id" uuid NOT NULL,
	"recipient_tenant_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"period_start" timestamp (3) with time zone NOT NULL,
	"period_end" timestamp (3) with time zone NOT NULL,
	"currency" text NOT NULL,
	"issuer_name" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_country" text NOT NULL,
	"tax_rate_bp" integer NOT NULL,
	"line_count" integer NOT NULL,
	"subtotal" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"total" bigint NOT NULL,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "invoices_kind_check" CHECK ("kind" IN ('invoice', 'statement')),
	CONSTRAINT "invoices_tier_check" CHECK ("tier" IN ('provider', 'reseller', 'customer')),
	CONSTRAINT "invoices_total_check" CHECK ("total" = "subtotal" + "tax")
);--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_idx" ON "invoices" USING btree ("issuer_tenant_id","number");--> statement-breakpoint
-- One document per tier, issuer, recipient, currency and period.
CREATE UNIQUE INDEX "invoices_once_idx" ON "invoices" USING btree ("period_start","tier","issuer_tenant_id","recipient_tenant_id","currency");--> statement-breakpoint
CREATE INDEX "invoices_recipient_idx" ON "invoices" USING btree ("recipient_tenant_id","issued_at");--> statement-breakpoint
CREATE INDEX "invoices_issuer_idx" ON "invoices" USING btree ("issuer_tenant_id","issued_at");--> statement-breakpoint
-- BIL-3: each line names everything it reconciles to (customer, subscription, order, product, SKU,
-- term, charge, PartnerID of record), frozen as issued.
CREATE TABLE "invoice_lines" (
	"invoice_id" uuid NOT NULL REFERENCES "invoices"("id"),
	"line_number" integer NOT NULL,
	"charge_line_id" uuid NOT NULL,
	"customer_tenant_id" uuid NOT NULL,
	"customer_name" text NOT NULL,
	"subscription_id" uuid NOT NULL,
	"subscription_name" text NOT NULL,
	"order_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"sku_id" text NOT NULL,
	"term_duration" text NOT NULL,
	"billing_cycle" text NOT NULL,
	"charge_type" text NOT NULL,
	"charge_start" timestamp (3) with time zone NOT NULL,
	"charge_end" timestamp (3) with time zone NOT NULL,
	"quantity" integer NOT NULL,
	"charged_days" integer NOT NULL,
	"period_days" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"total" bigint NOT NULL,
	"currency" text NOT NULL,
	"partner_id_on_record" text,
	CONSTRAINT "invoice_lines_pk" PRIMARY KEY ("invoice_id","line_number")
);--> statement-breakpoint
-- BIL-2: an issued document never changes (a correction is a credit note).
CREATE FUNCTION "refuse_invoice_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'issued invoices never change: a correction is a credit note' USING ERRCODE = 'restrict_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER "invoices_issued" BEFORE UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION "refuse_invoice_change"();--> statement-breakpoint
CREATE TRIGGER "invoice_lines_issued" BEFORE UPDATE OR DELETE ON "invoice_lines" FOR EACH ROW EXECUTE FUNCTION "refuse_invoice_change"();--> statement-breakpoint
-- Integer division rounded half to even (tax per line, a unit price from a prorated amount); d > 0.
CREATE FUNCTION "div_half_even"(n numeric, d numeric) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE
    WHEN abs(n - trunc(n / d) * d) * 2 < d THEN trunc(n / d)
    WHEN abs(n - trunc(n / d) * d) * 2 > d THEN trunc(n / d) + sign(n)
    WHEN mod(trunc(n / d), 2) = 0 THEN trunc(n / d)
    ELSE trunc(n / d) + sign(n)
  END)::bigint
$$;
