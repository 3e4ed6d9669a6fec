-- A hospital's exports of its own data (docs/decisions/053-tenant-data-export.md). Runs as emr_owner.
-- The request rows are a tenant table: forced row-level security, the application's grants (never
-- DELETE: an expired export keeps its row), the audit and updated_at triggers (decision 019).
SELECT protect_tenant_table('data_exports');
--> statement-breakpoint
-- Every existing hospital's administrator role gets the new read permission data:export, as the default
-- role set (app/auth/permissions.ts) and the templates now give it. Row-level security is forced on
-- hospital_roles, so each hospital's rows are reached with that hospital bound, as a system actor: the
-- write-audit trigger records the change in each hospital's own log.
DO $$
DECLARE
  hospital record;
BEGIN
  FOR hospital IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', hospital.id::text, true);
    PERFORM set_config('app.actor_id', '', true);
    PERFORM set_config('app.actor_kind', 'system', true);
    PERFORM set_config('app.address', 'migration: data:export for administrators', true);
    UPDATE hospital_roles
       SET permissions = array_append(permissions, 'data:export'), version = version + 1
     WHERE tenant_id = hospital.id AND code = 'admin' AND NOT ('data:export' = ANY (permissions));
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  PERFORM set_config('app.actor_kind', '', true);
  PERFORM set_config('app.address', '', true);
END;
$$;
