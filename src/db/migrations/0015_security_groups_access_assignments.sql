-- ACC-3: a partner's security groups (members: its users, or its apps once app credentials exist)
-- and the access assignments that give a group a subset of a delegated-admin relationship's roles.
-- Delegated roles are exercised only through these assignments.
CREATE TABLE "security_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "security_groups" ADD CONSTRAINT "security_groups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "security_groups_tenant_name_idx" ON "security_groups" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "security_groups_tenant_idx" ON "security_groups" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE TABLE "security_group_members" (
	"group_id" uuid NOT NULL,
	"member_type" text NOT NULL,
	"user_id" uuid,
	"app_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_group_members_one_member" CHECK (("security_group_members"."member_type" = 'user' and "security_group_members"."user_id" is not null and "security_group_members"."app_id" is null) or ("security_group_members"."member_type" = 'app' and "security_group_members"."app_id" is not null and "security_group_members"."user_id" is null))
);--> statement-breakpoint
ALTER TABLE "security_group_members" ADD CONSTRAINT "security_group_members_group_id_security_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."security_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_group_members" ADD CONSTRAINT "security_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "security_group_members_user_idx" ON "security_group_members" USING btree ("group_id","user_id") WHERE user_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "security_group_members_app_idx" ON "security_group_members" USING btree ("group_id","app_id") WHERE app_id is not null;--> statement-breakpoint
CREATE INDEX "security_group_members_by_user_idx" ON "security_group_members" USING btree ("user_id") WHERE user_id is not null;--> statement-breakpoint
CREATE INDEX "security_group_members_by_app_idx" ON "security_group_members" USING btree ("app_id") WHERE app_id is not null;--> statement-breakpoint
CREATE TABLE "delegated_admin_access_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"security_group_id" uuid NOT NULL,
	"roles" text[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delegated_admin_access_assignments_roles" CHECK (cardinality("delegated_admin_access_assignments"."roles") > 0)
);--> statement-breakpoint
ALTER TABLE "delegated_admin_access_assignments" ADD CONSTRAINT "dar_access_assignments_relationship_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."delegated_admin_relationships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegated_admin_access_assignments" ADD CONSTRAINT "dar_access_assignments_group_fk" FOREIGN KEY ("security_group_id") REFERENCES "public"."security_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dar_access_assignments_group_idx" ON "delegated_admin_access_assignments" USING btree ("relationship_id","security_group_id");--> statement-breakpoint
CREATE INDEX "dar_access_assignments_by_group_idx" ON "delegated_admin_access_assignments" USING btree ("security_group_id");
