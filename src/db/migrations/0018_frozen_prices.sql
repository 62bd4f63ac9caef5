-- PRC-3: every order line and subscription freezes the four prices of its line (list price, provider
-- cost, reseller price, customer price) in integer minor units of its currency (PRC-5), with the
-- price-list version and the repricing configs that produced them. The single numeric unit price goes:
-- existing rows take it as all four prices (no tier had a margin before price lists existed).
-- Marketplace products carry their offer type, which the partner discount (per offer type, a program
-- setting) turns into the provider's cost of a publisher's list price.
ALTER TABLE "order_line_items" ADD COLUMN "list_price" bigint;--> statement-breakpoint
ALTER TABLE "order_line_items" ADD COLUMN "provider_cost" bigint;--> statement-breakpoint
ALTER TABLE "order_line_items" ADD COLUMN "reseller_price" bigint;--> statement-breakpoint
ALTER TABLE "order_line_items" ADD COLUMN "customer_price" bigint;--> statement-breakpoint
ALTER TABLE "order_line_items" ADD COLUMN "price_list_id" uuid;--> statement-breakpoint
ALTER TABLE "order_line_items" ADD COLUMN "reseller_config_id" uuid;--> statement-breakpoint
ALTER TABLE "order_line_items" ADD COLUMN "customer_config_id" uuid;--> statement-breakpoint
UPDATE "order_line_items" l SET
  "list_price" = round(l."unit_price" * power(10, case when o."currency" in ('BIF','CLP','DJF','GNF','ISK','JPY','KMF','KRW','PYG','RWF','UGX','UYI','VND','VUV','XAF','XOF','XPF') then 0 when o."currency" in ('BHD','IQD','JOD','KWD','LYD','OMR','TND') then 3 when o."currency" in ('CLF','UYW') then 4 else 2 end))::bigint
  FROM "orders" o WHERE o."id" = l."order_id";--> statement-breakpoint
UPDATE "order_line_items" SET "provider_cost" = "list_price", "reseller_price" = "list_price", "customer_price" = "list_price";--> statement-breakpoint
ALTER TABLE "order_line_items" ALTER COLUMN "list_price" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_line_items" ALTER COLUMN "provider_cost" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_line_items" ALTER COLUMN "reseller_price" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_line_items" ALTER COLUMN "customer_price" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_line_items" DROP COLUMN "unit_price";--> statement-breakpoint
ALTER TABLE "order_line_items" ADD CONSTRAINT "order_line_items_prices_check" CHECK ("list_price" >= 0 and "provider_cost" >= 0 and "reseller_price" >= 0 and "customer_price" >= 0);--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "list_price" bigint;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "provider_cost" bigint;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "reseller_price" bigint;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "customer_price" bigint;--> statement-breakpoint
UPDATE "subscriptions" SET
  "list_price" = round("unit_price" * power(10, case when "currency" in ('BIF','CLP','DJF','GNF','ISK','JPY','KMF','KRW','PYG','RWF','UGX','UYI','VND','VUV','XAF','XOF','XPF') then 0 when "currency" in ('BHD','IQD','JOD','KWD','LYD','OMR','TND') then 3 when "currency" in ('CLF','UYW') then 4 else 2 end))::bigint;--> statement-breakpoint
UPDATE "subscriptions" SET "provider_cost" = "list_price", "reseller_price" = "list_price", "customer_price" = "list_price";--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "list_price" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "provider_cost" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "reseller_price" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "customer_price" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" DROP COLUMN "unit_price";--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_prices_check" CHECK ("list_price" >= 0 and "provider_cost" >= 0 and "reseller_price" >= 0 and "customer_price" >= 0);--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "offer_type" text;--> statement-breakpoint
UPDATE "products" p SET "offer_type" = o."type" FROM "offers" o WHERE o."id" = p."id" AND p."source" = 'marketplace';--> statement-breakpoint
CREATE TABLE "partner_discounts" (
	"offer_type" text PRIMARY KEY NOT NULL,
	"basis_points" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" uuid,
	CONSTRAINT "partner_discounts_basis_points_check" CHECK ("basis_points" >= 0 and "basis_points" <= 10000)
);
