-- Orders, results and prescriptions are tenant tables: forced row-level security, the application's
-- grants (never DELETE), the audit and updated_at triggers (protect_tenant_table, decision 019).
SELECT protect_tenant_table('orders');
--> statement-breakpoint
SELECT protect_tenant_table('order_results');
--> statement-breakpoint
SELECT protect_tenant_table('prescriptions');
--> statement-breakpoint
SELECT protect_tenant_table('prescription_items');
--> statement-breakpoint
-- Results are append-only (decision 048): a correction is a new row that supersedes the old one, so
-- nothing ever rewrites a result a doctor may already have acted on. The grant stays as the kit makes
-- it (re-running protect_tenant_table converges); this trigger refuses every UPDATE, whoever asks.
CREATE OR REPLACE FUNCTION refuse_result_update() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp
  AS $$
  BEGIN
    RAISE EXCEPTION 'order_results are append-only: enter a correction as a new row'
      USING ERRCODE = 'insufficient_privilege';
  END
  $$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER order_results_append_only BEFORE UPDATE ON order_results
  FOR EACH ROW EXECUTE FUNCTION refuse_result_update();

