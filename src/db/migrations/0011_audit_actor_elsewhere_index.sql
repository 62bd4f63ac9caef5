-- A tenant's audit records about other tenants (or none) in a partial index of their own: listed and
-- counted without a filter (the INCLUDE (tenant_id) index of 0008 filtered every entry).
DROP INDEX "audit_records_actor_tenant_at_idx";--> statement-breakpoint
CREATE INDEX "audit_records_actor_elsewhere_idx" ON "audit_records" USING btree ("actor_tenant_id","at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "audit_records"."tenant_id" is distinct from "audit_records"."actor_tenant_id";