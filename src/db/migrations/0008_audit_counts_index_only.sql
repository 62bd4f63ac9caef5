-- A tenant's audit records made by its users about other tenants are counted and filtered from the
-- index alone: tenant_id rides along in the actor index.
DROP INDEX IF EXISTS "audit_records_actor_tenant_at_idx";--> statement-breakpoint
CREATE INDEX "audit_records_actor_tenant_at_idx" ON "audit_records" USING btree ("actor_tenant_id","at" DESC NULLS LAST,"id" DESC NULLS LAST) INCLUDE ("tenant_id");
