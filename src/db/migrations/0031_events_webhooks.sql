-- EVT-1: events derived from audit records, written in the same transaction; the change feed
-- reads a tenant's in (txid, seq) order below the oldest running transaction.
CREATE TABLE "events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"txid" xid8 DEFAULT pg_current_xact_id() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL UNIQUE,
	"tenant_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" text,
	"resource_uri" text,
	"resource_name" text,
	"audit_record_id" uuid NOT NULL,
	"resource" jsonb,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "events_feed_idx" ON "events" USING btree ("tenant_id","txid","seq");--> statement-breakpoint
CREATE INDEX "events_tenant_at_idx" ON "events" USING btree ("tenant_id","at");--> statement-breakpoint
-- EVT-2: a tenant's webhook endpoints, with their sealed signing secrets.
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"event_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"disabled_reason" text,
	"secrets" jsonb NOT NULL,
	"failing_since" timestamp (3) with time zone,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoints_status_check" CHECK ("status" IN ('active', 'disabled'))
);--> statement-breakpoint
CREATE INDEX "webhook_endpoints_tenant_idx" ON "webhook_endpoints" USING btree ("tenant_id","created_at");--> statement-breakpoint
-- EVT-2: the delivery queue (one row per event and endpoint) and every attempt.
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE,
	"event_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now(),
	"locked_until" timestamp (3) with time zone,
	"last_status_code" integer,
	"last_duration_ms" integer,
	"last_response" text,
	"last_error" text,
	"last_attempt_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp (3) with time zone,
	CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'succeeded', 'failed'))
);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"status_code" integer,
	"duration_ms" integer NOT NULL,
	"response_excerpt" text,
	"error" text
);--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" USING btree ("delivery_id","at");--> statement-breakpoint
-- EVT-2: every event (test events aside: those go to the one endpoint asked) becomes a delivery to each
-- active endpoint of its tenant that takes its name, in the event's transaction, and the delivery job
-- is queued with it: a delivery exists exactly when its event committed.
CREATE FUNCTION "events_fan_out"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO webhook_deliveries (endpoint_id, event_id)
	SELECT w.id, e.id FROM new_events e
	JOIN webhook_endpoints w ON w.tenant_id = e.tenant_id AND w.status = 'active'
		AND (cardinality(w.event_types) = 0 OR e.event_type = ANY (w.event_types))
	WHERE e.event_type <> 'webhook-test';
	IF FOUND THEN
		INSERT INTO jobs (queue, payload)
		SELECT 'webhooks.deliver', '{}'::jsonb
		WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE queue = 'webhooks.deliver' AND status = 'queued');
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "events_fan_out" AFTER INSERT ON "events" REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION "events_fan_out"();
