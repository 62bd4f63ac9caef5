-- BIL-2, BIL-4: credit notes, payments and credit terms between the tiers.
-- A credit note is a document of its own (kind creditNote), numbered in its issuer's sequence, that
-- names the invoice it corrects; its amounts are negative. An invoice's balance is its total less its
-- payments and its credit notes (computed, never stored: an issued document never changes).
ALTER TABLE "invoices" ADD COLUMN "corrects_invoice_id" uuid REFERENCES "invoices"("id");--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_kind_check";--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_kind_check" CHECK ("kind" IN ('invoice', 'statement', 'creditNote'));--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_correction_check" CHECK (("kind" = 'creditNote') = ("corrects_invoice_id" IS NOT NULL));--> statement-breakpoint
-- One document of the billing run per tier, issuer, recipient, currency and period (credit notes aside).
DROP INDEX "invoices_once_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_once_idx" ON "invoices" USING btree ("period_start","tier","issuer_tenant_id","recipient_tenant_id","currency") WHERE "corrects_invoice_id" IS NULL;--> statement-breakpoint
CREATE INDEX "invoices_corrects_idx" ON "invoices" USING btree ("corrects_invoice_id") WHERE "corrects_invoice_id" IS NOT NULL;--> statement-breakpoint
-- Overdue and exposure look-ups: a buyer's documents from one seller.
CREATE INDEX "invoices_pair_idx" ON "invoices" USING btree ("recipient_tenant_id","issuer_tenant_id","due_at");--> statement-breakpoint
-- The line of the corrected invoice a credit note's line credits.
ALTER TABLE "invoice_lines" ADD COLUMN "corrects_line_number" integer;--> statement-breakpoint
-- Payments the issuer records against its invoices (partial payments add up; never above the balance).
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL REFERENCES "invoices"("id"),
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "payments_amount_check" CHECK ("amount" > 0)
);--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("invoice_id","created_at");--> statement-breakpoint
-- BIL-4: what a seller (the operator for a provider, a provider for a reseller) gives one buyer: a
-- credit limit in one currency (none: no limit), payment terms and the grace after the due date.
CREATE TABLE "credit_terms" (
	"seller_tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"buyer_tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"currency" text NOT NULL,
	"credit_limit" bigint,
	"payment_term_days" integer DEFAULT 30 NOT NULL,
	"grace_days" integer DEFAULT 10 NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "credit_terms_pk" PRIMARY KEY ("seller_tenant_id","buyer_tenant_id"),
	CONSTRAINT "credit_terms_limit_check" CHECK ("credit_limit" IS NULL OR "credit_limit" >= 0),
	CONSTRAINT "credit_terms_days_check" CHECK ("payment_term_days" BETWEEN 0 AND 365 AND "grace_days" BETWEEN 0 AND 365)
);--> statement-breakpoint
-- BIL-4: a buyer's unbilled charges (exposure), and the open period's lines by party.
CREATE INDEX "charge_lines_provider_idx" ON "charge_lines" USING btree ("provider_tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "charge_lines_reseller_idx" ON "charge_lines" USING btree ("reseller_tenant_id","created_at");
