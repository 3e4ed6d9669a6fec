-- The configuration and visit tables are tenant tables: forced row-level security, the application's
-- grants (never DELETE), the audit and updated_at triggers (protect_tenant_table, decision 019).
SELECT protect_tenant_table('rooms');
SELECT protect_tenant_table('beds');
SELECT protect_tenant_table('services');
SELECT protect_tenant_table('formulary_items');
SELECT protect_tenant_table('note_forms');
SELECT protect_tenant_table('order_sets');
SELECT protect_tenant_table('workflow_steps');
SELECT protect_tenant_table('visits');
