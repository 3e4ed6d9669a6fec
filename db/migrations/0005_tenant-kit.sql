-- The tenant-table kit's SQL half (decision 019) and the split of sign-in identities from the platform
-- role (decision 020). Runs as emr_owner.

-- Everything a tenant table needs that drizzle cannot declare, in one idempotent call, so that the next
-- table's migration says `SELECT protect_tenant_table('the_table');` instead of repeating it by hand:
--   FORCE row-level security (binds the owner too; ENABLE as well, in case the schema forgot);
--   the application's grants: SELECT, INSERT, UPDATE and nothing else (clinical data is never deleted);
--   the write-audit trigger, and the updated_at trigger when the table has that column.
-- SECURITY INVOKER: it can only do what the caller (the owner, in a migration) may do anyway.
CREATE OR REPLACE FUNCTION protect_tenant_table(target regclass) RETURNS void
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    table_name text := (SELECT c.relname FROM pg_class c WHERE c.oid = target);
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = target AND a.attname = 'tenant_id' AND NOT a.attisdropped) THEN
      RAISE EXCEPTION '% has no tenant_id column, so it is not a tenant table', target;
    END IF;
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('REVOKE ALL ON %s FROM PUBLIC, emr_app', target);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %s TO emr_app', target);
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT OR UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION audit_row_change()',
      table_name || '_audit', target);
    IF EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = target AND a.attname = 'updated_at' AND NOT a.attisdropped) THEN
      EXECUTE format('CREATE OR REPLACE TRIGGER %I BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION touch_updated_at()',
        table_name || '_touch', target);
    END IF;
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION protect_tenant_table(regclass) FROM PUBLIC;
--> statement-breakpoint

-- The write-audit trigger as in 0002/0003, but for the patient: any row with a patient_id column names
-- its patient, so a future visit, order or note lands in that chart's audit trail without a list of
-- tables here; a patients row names itself.
CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    changed text[];
    row_data jsonb := to_jsonb(NEW);
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
        FROM jsonb_each(row_data) n
        WHERE n.key NOT IN ('version', 'updated_at', 'search_name')
          AND n.value IS DISTINCT FROM (to_jsonb(OLD) -> n.key);
    END IF;
    INSERT INTO audit_events (tenant_id, actor_id, actor_kind, action, entity_type, entity_id, patient_id, address, details)
    VALUES (
      NEW.tenant_id,
      nullif(current_setting('app.actor_id', true), '')::uuid,
      coalesce(nullif(current_setting('app.actor_kind', true), ''), 'unknown'),
      TG_TABLE_NAME || '.' || lower(TG_OP),
      TG_TABLE_NAME,
      NEW.id::text,
      (CASE WHEN TG_TABLE_NAME = 'patients' THEN row_data ->> 'id' ELSE row_data ->> 'patient_id' END)::uuid,
      nullif(current_setting('app.address', true), ''),
      CASE WHEN TG_OP = 'UPDATE' THEN jsonb_build_object('changed', changed) END
    );
    RETURN NULL;
  END
  $$;
--> statement-breakpoint

-- Today's tenant tables onto the kit. Idempotent: the existing triggers keep their names and are
-- replaced; tenant_counters gains the audit trigger it lacked (every write is audited). The audit log's
-- own tables (audit_events, audit_heads) keep their grants and triggers from 0002.
SELECT protect_tenant_table('memberships');
--> statement-breakpoint
SELECT protect_tenant_table('departments');
--> statement-breakpoint
SELECT protect_tenant_table('patients');
--> statement-breakpoint
SELECT protect_tenant_table('tenant_counters');
--> statement-breakpoint

-- Sign-in identities move to emr_identity (db/roles.sql), reached only by withIdentity() from app/auth/.
-- The platform role keeps the tenant registry and reads who a person is (users), and loses everything
-- that proves it: password hashes, sessions, sign-in attempts.
REVOKE ALL ON users, sessions, sign_in_attempts FROM emr_platform;
--> statement-breakpoint
REVOKE ALL ON SEQUENCE sign_in_attempts_id_seq FROM emr_platform;
--> statement-breakpoint
GRANT SELECT ON users TO emr_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users, user_credentials TO emr_identity;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO emr_identity;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON sign_in_attempts TO emr_identity;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE sign_in_attempts_id_seq TO emr_identity;
