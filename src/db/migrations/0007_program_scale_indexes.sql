CREATE TABLE "partner_customer_counts" (
	"partner_tenant_id" uuid PRIMARY KEY NOT NULL,
	"active" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_relationships" ADD COLUMN "customer_name" text;--> statement-breakpoint
UPDATE "customer_relationships" AS cr SET "customer_name" = t."name" FROM "tenants" AS t WHERE t."id" = cr."customer_tenant_id";--> statement-breakpoint
ALTER TABLE "customer_relationships" ALTER COLUMN "customer_name" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "enrollments_latest_idx" ON "enrollments" USING btree ("tenant_id","program","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "partner_attributes_competencies_idx" ON "partner_attributes" USING gin ("competencies");--> statement-breakpoint
CREATE INDEX "partner_attributes_skills_idx" ON "partner_attributes" USING gin ("skills");--> statement-breakpoint
CREATE INDEX "customer_relationships_partner_name_idx" ON "customer_relationships" USING btree ("partner_tenant_id","customer_name","customer_tenant_id") WHERE state = 'active';--> statement-breakpoint
CREATE FUNCTION "count_partner_customers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'active' THEN
    UPDATE partner_customer_counts SET active = active - 1 WHERE partner_tenant_id = OLD.partner_tenant_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = 'active' THEN
    INSERT INTO partner_customer_counts AS c (partner_tenant_id, active) VALUES (NEW.partner_tenant_id, 1)
      ON CONFLICT (partner_tenant_id) DO UPDATE SET active = c.active + 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "customer_relationships_count" AFTER INSERT OR UPDATE OF state OR DELETE ON "customer_relationships" FOR EACH ROW EXECUTE FUNCTION "count_partner_customers"();--> statement-breakpoint
INSERT INTO "partner_customer_counts" ("partner_tenant_id", "active") SELECT "partner_tenant_id", count(*) FROM "customer_relationships" WHERE "state" = 'active' GROUP BY "partner_tenant_id";
