-- ENR-6: the operator's reviewers' notes on an enrollment, one text per enrollment (never the partner's).
CREATE TABLE "enrollment_review_notes" (
	"enrollment_id" uuid PRIMARY KEY NOT NULL REFERENCES "enrollments"("id"),
	"notes" text NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- An enrollment's history (its audit records, newest first) read in index order, whoever wrote them.
CREATE INDEX "audit_records_enrollment_idx" ON "audit_records" USING btree ("resource_id","at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "audit_records"."resource_type" = 'enrollment';
