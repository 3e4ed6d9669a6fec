-- Helper t (templates): hospital_templates is a tenant table (decision 019).
SELECT protect_tenant_table('hospital_templates');

--> statement-breakpoint
-- The practice copy (decision 043) runs the same template: it takes the record of what was applied.
INSERT INTO training_copied_tables (position, table_name) VALUES (8, 'hospital_templates') ON CONFLICT DO NOTHING;
