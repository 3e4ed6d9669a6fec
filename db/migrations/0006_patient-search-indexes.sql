CREATE TABLE "patient_search_words" (
	"tenant_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"word" text COLLATE "C" NOT NULL,
	"search_name" text COLLATE "C" NOT NULL,
	CONSTRAINT "patient_search_words_tenant_id_patient_id_word_pk" PRIMARY KEY("tenant_id","patient_id","word")
);
--> statement-breakpoint
ALTER TABLE "patient_search_words" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP INDEX "patients_search_name_trgm_idx";--> statement-breakpoint
DROP INDEX "patients_tenant_name_idx";--> statement-breakpoint
ALTER TABLE "patient_search_words" ADD CONSTRAINT "patient_search_words_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_search_words" ADD CONSTRAINT "patient_search_words_patient_fk" FOREIGN KEY ("tenant_id","patient_id") REFERENCES "public"."patients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_search_words_word_idx" ON "patient_search_words" USING btree ("tenant_id","word","search_name","patient_id");--> statement-breakpoint
CREATE INDEX "patients_tenant_mrn_prefix_idx" ON "patients" USING btree ("tenant_id",mrn COLLATE "C");--> statement-breakpoint
CREATE INDEX "patients_tenant_phone_prefix_idx" ON "patients" USING btree ("tenant_id",phone COLLATE "C");--> statement-breakpoint
CREATE INDEX "patients_tenant_name_idx" ON "patients" USING btree ("tenant_id",search_name COLLATE "C","mrn");--> statement-breakpoint
CREATE POLICY "patient_search_words_tenant_isolation" ON "patient_search_words" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));