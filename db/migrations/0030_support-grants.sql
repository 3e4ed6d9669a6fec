CREATE TABLE "support_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hospital_id" uuid NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"preset" text NOT NULL,
	"permissions" text[] NOT NULL,
	"duration_minutes" integer NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"starts_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone,
	"emergency" boolean DEFAULT false NOT NULL,
	"emergency_confirmed_by" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	CONSTRAINT "support_grants_duration" CHECK (duration_minutes between 1 and 480),
	CONSTRAINT "support_grants_reason" CHECK (length(btrim(reason)) between 1 and 2000),
	CONSTRAINT "support_grants_approved_times" CHECK (status = 'requested' or status = 'refused' or status = 'cancelled' or (starts_at is not null and expires_at is not null))
);
--> statement-breakpoint
ALTER TABLE "support_grants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "support_grants" ADD CONSTRAINT "support_grants_hospital_id_tenants_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_grants" ADD CONSTRAINT "support_grants_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_grants" ADD CONSTRAINT "support_grants_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_grants" ADD CONSTRAINT "support_grants_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_grants_active_idx" ON "support_grants" USING btree ("hospital_id","staff_user_id","expires_at") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "support_grants_hospital_idx" ON "support_grants" USING btree ("hospital_id","requested_at");--> statement-breakpoint
CREATE INDEX "support_grants_staff_idx" ON "support_grants" USING btree ("staff_user_id","requested_at");