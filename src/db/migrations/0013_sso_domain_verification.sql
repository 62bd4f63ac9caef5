-- ACC-5: a domain signs in through a tenant's identity provider only once the tenant proved control
-- of it with a DNS TXT record. Claims (verified or not) get a table of their own; the domains a
-- connection routes are the tenant's verified claims. Domains connected before are kept as
-- unverified claims (with a new token each) and stop routing until their tenant verifies them.
CREATE TABLE "identity_provider_domain_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"verification_token" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp (3) with time zone
);--> statement-breakpoint
ALTER TABLE "identity_provider_domain_claims" ADD CONSTRAINT "identity_provider_domain_claims_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_provider_domain_claims_tenant_domain_idx" ON "identity_provider_domain_claims" USING btree ("tenant_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_provider_domain_claims_verified_idx" ON "identity_provider_domain_claims" USING btree ("domain") WHERE "identity_provider_domain_claims"."verified_at" is not null;--> statement-breakpoint
CREATE INDEX "identity_provider_domain_claims_domain_idx" ON "identity_provider_domain_claims" USING btree ("domain");--> statement-breakpoint
INSERT INTO "identity_provider_domain_claims" ("tenant_id", "domain", "verification_token")
	SELECT "tenant_id", "domain", replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') FROM "identity_provider_domains";--> statement-breakpoint
DELETE FROM "identity_provider_domains";--> statement-breakpoint
ALTER TABLE "identity_provider_domains" ADD CONSTRAINT "identity_provider_domains_claim_fk" FOREIGN KEY ("tenant_id","domain") REFERENCES "public"."identity_provider_domain_claims"("tenant_id","domain") ON DELETE cascade ON UPDATE no action;
