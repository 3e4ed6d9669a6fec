CREATE INDEX "platform_audit_at_idx" ON "platform_audit" USING btree ("at");--> statement-breakpoint
CREATE INDEX "platform_audit_hospital_idx" ON "platform_audit" USING btree ("hospital_id","at");