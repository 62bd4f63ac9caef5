CREATE TABLE "partner_search" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"country" text NOT NULL,
	"competencies" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"terms" text[] NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION "partner_search_terms"(country text, competencies text[], skills text[]) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array['country:' || country]
    || array(SELECT 'competency:' || c FROM unnest(coalesce(competencies, '{}')) AS c)
    || array(SELECT 'skill:' || s FROM unnest(coalesce(skills, '{}')) AS s)
$$;--> statement-breakpoint
INSERT INTO "partner_search" ("tenant_id", "legal_name", "country", "competencies", "skills", "terms")
  SELECT l."tenant_id", l."legal_name", l."country", coalesce(a."competencies", '{}'), coalesce(a."skills", '{}'), partner_search_terms(l."country", a."competencies", a."skills")
  FROM "legal_business_profiles" AS l LEFT JOIN "partner_attributes" AS a ON a."tenant_id" = l."tenant_id";--> statement-breakpoint
CREATE INDEX "partner_search_name_terms_idx" ON "partner_search" USING gin ("legal_name" gin_trgm_ops, "terms");
