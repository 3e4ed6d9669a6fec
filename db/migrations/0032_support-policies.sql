-- Every tenant table's policy asks app_tenant_id() (decision 059). The audit log's two tables belong to
-- emr_audit_owner (decision 023), so their policies are altered as that role, as in migration 0009.
RESET ROLE;--> statement-breakpoint
SET ROLE emr_audit_owner;--> statement-breakpoint
ALTER POLICY "audit_events_tenant_isolation" ON "audit_events" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "audit_heads_tenant_isolation" ON "audit_heads" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
SET ROLE emr_owner;--> statement-breakpoint
ALTER POLICY "beds_tenant_isolation" ON "beds" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "formulary_items_tenant_isolation" ON "formulary_items" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "note_forms_tenant_isolation" ON "note_forms" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "order_sets_tenant_isolation" ON "order_sets" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "rooms_tenant_isolation" ON "rooms" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "services_tenant_isolation" ON "services" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "workflow_steps_tenant_isolation" ON "workflow_steps" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "departments_tenant_isolation" ON "departments" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "hospital_roles_tenant_isolation" ON "hospital_roles" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "memberships_tenant_isolation" ON "memberships" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "tenant_counters_tenant_isolation" ON "tenant_counters" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "order_results_tenant_isolation" ON "order_results" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "orders_tenant_isolation" ON "orders" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "prescription_items_tenant_isolation" ON "prescription_items" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "prescriptions_tenant_isolation" ON "prescriptions" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "patient_search_words_tenant_isolation" ON "patient_search_words" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "patients_tenant_isolation" ON "patients" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "hospital_profiles_tenant_isolation" ON "hospital_profiles" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "invitations_tenant_isolation" ON "invitations" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "hospital_templates_tenant_isolation" ON "hospital_templates" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "visits_tenant_isolation" ON "visits" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "allergies_tenant_isolation" ON "allergies" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "diagnoses_tenant_isolation" ON "diagnoses" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "note_addenda_tenant_isolation" ON "note_addenda" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "problems_tenant_isolation" ON "problems" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "signatures_tenant_isolation" ON "signatures" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "visit_notes_tenant_isolation" ON "visit_notes" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "vitals_tenant_isolation" ON "vitals" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));--> statement-breakpoint
ALTER POLICY "data_exports_tenant_isolation" ON "data_exports" TO public USING (tenant_id = (select app_tenant_id())) WITH CHECK (tenant_id = (select app_tenant_id()));