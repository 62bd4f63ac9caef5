-- REL-4, ACC-1: who created a user, when another organization did (a provider with admin access).
ALTER TABLE "users" ADD COLUMN "created_by_tenant_id" uuid;
