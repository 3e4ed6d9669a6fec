-- The hospital's audit page (decision 060) reads newest first, a page at a time: an index it scans
-- backwards, and a small partial one for the vendor's activity. The audit log belongs to
-- emr_audit_owner (decision 023), so its indexes are made as that role, as in migration 0009.
RESET ROLE;--> statement-breakpoint
SET ROLE emr_audit_owner;--> statement-breakpoint
CREATE INDEX "audit_events_tenant_at_idx" ON "audit_events" USING btree ("tenant_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_events_vendor_at_idx" ON "audit_events" USING btree ("tenant_id","at","id") WHERE actor_kind in ('support', 'platform');--> statement-breakpoint
SET ROLE emr_owner;
