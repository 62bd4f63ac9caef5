-- BIL-3: reconciliation exports. A tenant asks for every line of the documents it received or issued in
-- one closed period as one file (CSV or JSON Lines); the durable job writes the file under
-- DATA_DIR/exports (to a temporary name, renamed when complete) and records its row count, size and
-- SHA-256 here. A tenant lists its own exports newest first.
CREATE TABLE "reconciliation_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"requested_by" uuid,
	"period_start" timestamp (3) with time zone NOT NULL,
	"format" text NOT NULL,
	"direction" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"row_count" integer,
	"byte_size" bigint,
	"sha256" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"started_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "reconciliation_exports_format_check" CHECK ("format" IN ('csv', 'jsonl')),
	CONSTRAINT "reconciliation_exports_direction_check" CHECK ("direction" IN ('received', 'issued')),
	CONSTRAINT "reconciliation_exports_status_check" CHECK ("status" IN ('queued', 'running', 'succeeded', 'failed'))
);--> statement-breakpoint
CREATE INDEX "reconciliation_exports_tenant_idx" ON "reconciliation_exports" USING btree ("tenant_id","created_at","id");
