-- BIL-1: each party's billing profile (legal name, tax ID, billing address), kept by the tenant
-- itself, and copied onto every document as issued (an issued document never changes, BIL-2: a profile
-- changed later shows on the next documents only).
CREATE TABLE "billing_profiles" (
	"tenant_id" uuid PRIMARY KEY NOT NULL REFERENCES "tenants"("id"),
	"legal_name" text NOT NULL,
	"tax_id" text,
	"address" jsonb NOT NULL,
	"email" text,
	"updated_at" timestamp (3) with time zone NOT NULL
);--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "issuer_profile" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "recipient_profile" jsonb;
