-- A hospital's exports of its own data (docs/decisions/053-tenant-data-export.md). Runs as emr_owner.
-- The request rows are a tenant table: forced row-level security, the application's grants (never
-- DELETE: an expired export keeps its row), the audit and updated_at triggers (decision 019).
SELECT protect_tenant_table('data_exports');
--> statement-breakpoint
-- Every existing hospital's administrator role gets the new read permission data:export, as the default
-- role set (app/auth/permissions.ts) and the templates now give it. Row-level security is forced on
-- hospital_roles, so each hospital's rows are reached with that hospital bound. The write-audit trigger
-- is held off for this one statement: the migration role may not write the audit log (it belongs to
-- emr_audit_owner, decision 023), and this file is the record of the change, as migration 0015 is of the
-- roles it installed. Everything here is one transaction: the trigger is back before anyone else sees it.
DO $$
DECLARE
  hospital record;
BEGIN
  ALTER TABLE hospital_roles DISABLE TRIGGER hospital_roles_audit;
  FOR hospital IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', hospital.id::text, true);
    UPDATE hospital_roles
       SET permissions = array_append(permissions, 'data:export'), version = version + 1
     WHERE tenant_id = hospital.id AND code = 'admin' AND NOT ('data:export' = ANY (permissions));
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  ALTER TABLE hospital_roles ENABLE TRIGGER hospital_roles_audit;
END;
$$;
