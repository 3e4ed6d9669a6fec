-- The configuration and visit tables are tenant tables: forced row-level security, the application's
-- grants (never DELETE), the audit and updated_at triggers (protect_tenant_table, decision 019).
SELECT protect_tenant_table('rooms');
--> statement-breakpoint
SELECT protect_tenant_table('beds');
--> statement-breakpoint
SELECT protect_tenant_table('services');
--> statement-breakpoint
SELECT protect_tenant_table('formulary_items');
--> statement-breakpoint
SELECT protect_tenant_table('note_forms');
--> statement-breakpoint
SELECT protect_tenant_table('order_sets');
--> statement-breakpoint
SELECT protect_tenant_table('workflow_steps');
--> statement-breakpoint
SELECT protect_tenant_table('visits');
