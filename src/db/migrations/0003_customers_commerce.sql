CREATE TABLE "customer_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"reseller_tenant_id" uuid NOT NULL,
	"provider_tenant_id" uuid,
	"provider_relationship_id" uuid,
	"created_by_user_id" uuid NOT NULL,
	"email" text,
	"locale" text NOT NULL,
	"delegated_admin" jsonb,
	"token_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"accepted_by_tenant_id" uuid,
	"revoked_at" timestamp (3) with time zone,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_invitations_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "customer_profiles" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"billing_profile" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_tenant_id" uuid NOT NULL,
	"partner_tenant_id" uuid NOT NULL,
	"role" text NOT NULL,
	"reseller_tenant_id" uuid,
	"state" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "delegated_admin_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_tenant_id" uuid NOT NULL,
	"partner_tenant_id" uuid NOT NULL,
	"roles" text[] NOT NULL,
	"duration_days" integer NOT NULL,
	"auto_extend" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"approval_token_hash" text,
	"activated_at" timestamp (3) with time zone,
	"ends_at" timestamp (3) with time zone,
	"terminated_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delegated_admin_relationships_approvalTokenHash_unique" UNIQUE("approval_token_hash")
);
--> statement-breakpoint
CREATE TABLE "carts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_tenant_id" uuid NOT NULL,
	"provider_tenant_id" uuid NOT NULL,
	"line_items" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "license_assignments" (
	"subscription_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"customer_tenant_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "license_assignments_subscription_id_user_id_pk" PRIMARY KEY("subscription_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "order_line_items" (
	"order_id" uuid NOT NULL,
	"line_item_number" integer NOT NULL,
	"offer_id" uuid NOT NULL,
	"sku_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"term_duration" text NOT NULL,
	"billing_cycle" text NOT NULL,
	"unit_price" numeric(14, 4) NOT NULL,
	"partner_id_on_record" text NOT NULL,
	"subscription_id" uuid NOT NULL,
	CONSTRAINT "order_line_items_order_id_line_item_number_pk" PRIMARY KEY("order_id","line_item_number")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cart_id" uuid,
	"customer_tenant_id" uuid NOT NULL,
	"provider_tenant_id" uuid NOT NULL,
	"reseller_tenant_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'completed' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text DEFAULT 'operator' NOT NULL,
	"publisher_tenant_id" uuid,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"skus" jsonb NOT NULL,
	"markets" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resale_stamps" (
	"offer_id" uuid NOT NULL,
	"reseller_tenant_id" uuid NOT NULL,
	"first_order_id" uuid NOT NULL,
	"resold_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_tenant_id" uuid NOT NULL,
	"provider_tenant_id" uuid NOT NULL,
	"reseller_tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"sku_id" text NOT NULL,
	"name" text NOT NULL,
	"quantity" integer NOT NULL,
	"term_duration" text NOT NULL,
	"billing_cycle" text NOT NULL,
	"currency" text NOT NULL,
	"unit_price" numeric(14, 4) NOT NULL,
	"partner_id_on_record" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"auto_renew_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "license_assignments" ADD CONSTRAINT "license_assignments_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_items" ADD CONSTRAINT "order_line_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_invitations_reseller_idx" ON "customer_invitations" USING btree ("reseller_tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_relationships_active_idx" ON "customer_relationships" USING btree ("customer_tenant_id","partner_tenant_id") WHERE state = 'active';--> statement-breakpoint
CREATE INDEX "customer_relationships_partner_idx" ON "customer_relationships" USING btree ("partner_tenant_id","state","created_at");--> statement-breakpoint
CREATE INDEX "customer_relationships_reseller_idx" ON "customer_relationships" USING btree ("reseller_tenant_id","state");--> statement-breakpoint
CREATE INDEX "dar_customer_idx" ON "delegated_admin_relationships" USING btree ("customer_tenant_id","partner_tenant_id","status");--> statement-breakpoint
CREATE INDEX "dar_ends_idx" ON "delegated_admin_relationships" USING btree ("ends_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "carts_customer_idx" ON "carts" USING btree ("customer_tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "license_assignments_user_idx" ON "license_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("customer_tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_cart_idx" ON "orders" USING btree ("cart_id");--> statement-breakpoint
CREATE INDEX "products_markets_idx" ON "products" USING gin ("markets");--> statement-breakpoint
CREATE UNIQUE INDEX "resale_stamps_offer_reseller_idx" ON "resale_stamps" USING btree ("offer_id","reseller_tenant_id");--> statement-breakpoint
CREATE INDEX "subscriptions_customer_idx" ON "subscriptions" USING btree ("customer_tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "subscriptions_provider_customer_idx" ON "subscriptions" USING btree ("provider_tenant_id","customer_tenant_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "subscriptions_reseller_customer_idx" ON "subscriptions" USING btree ("reseller_tenant_id","customer_tenant_id") WHERE status = 'active';