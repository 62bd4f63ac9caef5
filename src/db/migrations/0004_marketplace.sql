CREATE TABLE "offer_audience" (
	"offer_id" uuid NOT NULL,
	"partner_tenant_id" uuid NOT NULL,
	"in_draft" boolean DEFAULT true NOT NULL,
	"in_live" boolean DEFAULT false NOT NULL,
	"added_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_audience_offer_id_partner_tenant_id_pk" PRIMARY KEY("offer_id","partner_tenant_id")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publisher_tenant_id" uuid NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"draft" jsonb NOT NULL,
	"live" jsonb,
	"draft_audience_mode" text NOT NULL,
	"live_audience_mode" text,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offer_audience" ADD CONSTRAINT "offer_audience_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_audience_partner_idx" ON "offer_audience" USING btree ("partner_tenant_id") WHERE in_live;--> statement-breakpoint
CREATE INDEX "offers_publisher_idx" ON "offers" USING btree ("publisher_tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_live_idx" ON "offers" USING btree ("live_audience_mode") WHERE live is not null;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "legal_business_profiles_legal_name_trgm_idx" ON "legal_business_profiles" USING gin ("legal_name" gin_trgm_ops);
