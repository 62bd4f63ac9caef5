-- Pricing (PRC-1, PRC-2, PRC-5): the operator's monthly price lists with their entries in integer minor
-- units, and the repricing configs of providers (for their resellers) and resellers (for their customers).
CREATE TABLE "price_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"based_on_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone,
	"published_by_user_id" uuid,
	CONSTRAINT "price_lists_month_unique" UNIQUE("month"),
	CONSTRAINT "price_lists_status_check" CHECK ("status" in ('draft', 'published'))
);--> statement-breakpoint
CREATE TABLE "price_list_entries" (
	"price_list_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"sku_id" text NOT NULL,
	"term_duration" text NOT NULL,
	"billing_cycle" text NOT NULL,
	"currency" text NOT NULL,
	"list_price" bigint NOT NULL,
	"unit_price" bigint NOT NULL,
	CONSTRAINT "price_list_entries_price_list_id_product_id_sku_id_term_duration_billing_cycle_currency_pk" PRIMARY KEY("price_list_id","product_id","sku_id","term_duration","billing_cycle","currency"),
	CONSTRAINT "price_list_entries_amounts_check" CHECK ("list_price" >= 0 and "unit_price" >= 0)
);--> statement-breakpoint
CREATE TABLE "repricing_configs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_tenant_id" uuid NOT NULL,
	"tier" text NOT NULL,
	"buyer_tenant_id" uuid,
	"product_id" uuid,
	"sku_id" text,
	"basis" text NOT NULL,
	"basis_points" integer,
	"fixed_unit_price" bigint,
	"fixed_currency" text,
	"effective_month" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repricing_configs_slot_unique" UNIQUE NULLS NOT DISTINCT("seller_tenant_id","tier","buyer_tenant_id","product_id","sku_id","fixed_currency","effective_month"),
	CONSTRAINT "repricing_configs_tier_check" CHECK ("tier" in ('reseller', 'customer') and "basis" in ('cost', 'list')),
	CONSTRAINT "repricing_configs_target_check" CHECK ("sku_id" is null or "product_id" is not null),
	CONSTRAINT "repricing_configs_adjustment_check" CHECK (("basis_points" is not null and "fixed_unit_price" is null and "fixed_currency" is null) or ("basis_points" is null and "fixed_unit_price" >= 0 and "fixed_currency" is not null and "sku_id" is not null))
);--> statement-breakpoint
ALTER TABLE "price_list_entries" ADD CONSTRAINT "price_list_entries_price_list_id_price_lists_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."price_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repricing_configs_seller_idx" ON "repricing_configs" USING btree ("seller_tenant_id","tier","created_at","id");--> statement-breakpoint
-- PRC-1: a published price list never changes, nor do its entries, whatever writes to them.
CREATE FUNCTION "refuse_published_price_list_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'price_lists' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'price list % is published and never changes', OLD.id USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM price_lists p WHERE p.id = OLD.price_list_id AND p.status = 'published') THEN
      RAISE EXCEPTION 'the entries of a published price list never change' USING ERRCODE = 'restrict_violation';
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM price_lists p WHERE p.id = NEW.price_list_id AND p.status = 'published') THEN
      RAISE EXCEPTION 'the entries of a published price list never change' USING ERRCODE = 'restrict_violation';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "price_lists_immutable" BEFORE UPDATE OR DELETE ON "price_lists" FOR EACH ROW EXECUTE FUNCTION "refuse_published_price_list_change"();--> statement-breakpoint
CREATE TRIGGER "price_list_entries_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "price_list_entries" FOR EACH ROW EXECUTE FUNCTION "refuse_published_price_list_change"();
