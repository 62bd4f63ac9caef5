CREATE TABLE "partner_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_tenant_id" uuid NOT NULL,
	"reseller_tenant_id" uuid NOT NULL,
	"invitation_id" uuid,
	"state" text DEFAULT 'active' NOT NULL,
	"admin_access" text DEFAULT 'granted' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"admin_access_removed_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"ended_by_tenant_id" uuid
);
--> statement-breakpoint
CREATE TABLE "reseller_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_tenant_id" uuid NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"email" text,
	"locale" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"accepted_by_tenant_id" uuid,
	"revoked_at" timestamp (3) with time zone,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reseller_invitations_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "partner_relationships_active_idx" ON "partner_relationships" USING btree ("provider_tenant_id","reseller_tenant_id") WHERE state = 'active';--> statement-breakpoint
CREATE INDEX "partner_relationships_reseller_idx" ON "partner_relationships" USING btree ("reseller_tenant_id","state");--> statement-breakpoint
CREATE INDEX "partner_relationships_provider_idx" ON "partner_relationships" USING btree ("provider_tenant_id","state");--> statement-breakpoint
CREATE INDEX "reseller_invitations_provider_idx" ON "reseller_invitations" USING btree ("provider_tenant_id","created_at");