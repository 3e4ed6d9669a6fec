ALTER TABLE "patients" ADD COLUMN "birth_date_precision" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "citizen_id" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "insurance_number" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "social_insurance_number" text GENERATED ALWAYS AS (right(insurance_number, 10)) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "insurance_valid_from" date;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "insurance_valid_to" date;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "insurance_facility" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "ethnicity_code" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "occupation_code" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "province_code" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "commune_code" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "guardian_name" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "guardian_relation" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "guardian_phone" text;--> statement-breakpoint
CREATE INDEX "patients_tenant_citizen_id_idx" ON "patients" USING btree ("tenant_id","citizen_id");--> statement-breakpoint
CREATE INDEX "patients_tenant_insurance_number_idx" ON "patients" USING btree ("tenant_id","insurance_number");--> statement-breakpoint
CREATE INDEX "patients_tenant_social_insurance_idx" ON "patients" USING btree ("tenant_id","social_insurance_number");--> statement-breakpoint
CREATE INDEX "patients_tenant_phone_birth_idx" ON "patients" USING btree ("tenant_id","phone","birth_date");--> statement-breakpoint
CREATE INDEX "patients_tenant_created_idx" ON "patients" USING btree ("tenant_id","created_at");