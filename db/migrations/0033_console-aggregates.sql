CREATE TABLE "platform_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"action" text NOT NULL,
	"hospital_id" uuid,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "tenant_stats" (
	"hospital_id" uuid PRIMARY KEY NOT NULL,
	"staff_count" integer DEFAULT 0 NOT NULL,
	"patient_count" integer DEFAULT 0 NOT NULL,
	"visits_7d" integer DEFAULT 0 NOT NULL,
	"last_activity_at" timestamp with time zone,
	"approx_bytes" bigint DEFAULT 0 NOT NULL,
	"template_code" text,
	"template_version" text,
	"setup_steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_usage_daily" (
	"hospital_id" uuid NOT NULL,
	"day" date NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL,
	"patients_registered" integer DEFAULT 0 NOT NULL,
	"active_staff" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tenant_usage_daily_pkey" PRIMARY KEY("hospital_id","day")
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "trial_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant_stats" ADD CONSTRAINT "tenant_stats_hospital_id_tenants_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_usage_daily" ADD CONSTRAINT "tenant_usage_daily_hospital_id_tenants_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_stats_patients_idx" ON "tenant_stats" USING btree ("patient_count","hospital_id");--> statement-breakpoint
CREATE INDEX "tenant_stats_visits_idx" ON "tenant_stats" USING btree ("visits_7d","hospital_id");--> statement-breakpoint
CREATE INDEX "tenant_stats_activity_idx" ON "tenant_stats" USING btree ("last_activity_at","hospital_id");--> statement-breakpoint
CREATE INDEX "tenant_stats_bytes_idx" ON "tenant_stats" USING btree ("approx_bytes","hospital_id");--> statement-breakpoint
CREATE INDEX "tenant_stats_template_idx" ON "tenant_stats" USING btree ("template_code","template_version");