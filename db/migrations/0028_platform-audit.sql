CREATE TABLE "platform_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"action" text NOT NULL,
	"hospital_id" uuid,
	"details" jsonb
);
--> statement-breakpoint
CREATE INDEX "platform_audit_at_idx" ON "platform_audit" USING btree ("at");--> statement-breakpoint
CREATE INDEX "platform_audit_hospital_idx" ON "platform_audit" USING btree ("hospital_id","at");