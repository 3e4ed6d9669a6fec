-- What drizzle-kit cannot express (docs/stack.md): FORCE ROW LEVEL SECURITY, grants, and triggers.
-- Runs as emr_owner, which therefore owns the functions below.

-- FORCE binds the table owner too; superusers and BYPASSRLS roles still skip RLS, which is why the
-- application connects as emr_app (db/roles.sql).
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE departments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE patients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenant_counters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_heads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint

-- The application role: tenant data only. No DELETE anywhere: clinical data is never hard-deleted.
GRANT SELECT, INSERT, UPDATE ON memberships, departments, patients, tenant_counters TO emr_app;
--> statement-breakpoint
-- Append-only: the audit log takes inserts and reads, never UPDATE, DELETE or TRUNCATE.
GRANT SELECT, INSERT ON audit_events TO emr_app;
--> statement-breakpoint

-- The platform scope: registry, identities, sessions, sign-in throttling; it may read memberships (the
-- policy memberships_platform_read) and nothing else of a tenant's.
GRANT SELECT, INSERT, UPDATE ON tenants, users TO emr_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO emr_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON sign_in_attempts TO emr_platform;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE sign_in_attempts_id_seq TO emr_platform;
--> statement-breakpoint
GRANT SELECT ON memberships TO emr_platform;
--> statement-breakpoint

-- The hash of one audit entry, chained to the previous entry's hash. Timestamps are hashed as epoch
-- microseconds so that the result does not depend on the session's DateStyle or TimeZone.
CREATE FUNCTION audit_entry_hash(prev bytea, e audit_events) RETURNS bytea
  LANGUAGE sql STABLE
  AS $$
    SELECT sha256(prev || convert_to(concat_ws(chr(31),
      e.tenant_id::text, e.seq::text, (extract(epoch FROM e.at) * 1000000)::bigint::text,
      coalesce(e.actor_id::text, ''), e.actor_kind, e.action, coalesce(e.entity_type, ''),
      coalesce(e.entity_id, ''), coalesce(e.patient_id::text, ''), coalesce(e.address, ''),
      coalesce(e.details::text, '')), 'UTF8'))
  $$;
--> statement-breakpoint

-- Fills seq, prev_hash and hash. The row lock on the tenant's head serialises concurrent writers of one
-- tenant (only at the moment they append), so the chain never forks. SECURITY DEFINER: the application
-- role has no grant on audit_heads at all. The head is still under forced RLS, so without a tenant set
-- this fails closed.
CREATE FUNCTION audit_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  DECLARE
    head_seq bigint;
    head_hash bytea;
  BEGIN
    SELECT seq, hash INTO head_seq, head_hash FROM audit_heads
      WHERE tenant_id = NEW.tenant_id AND id = 'chain' FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO audit_heads (tenant_id, id, seq, hash)
        VALUES (NEW.tenant_id, 'chain', 0, decode(repeat('00', 32), 'hex')) ON CONFLICT DO NOTHING;
      SELECT seq, hash INTO head_seq, head_hash FROM audit_heads
        WHERE tenant_id = NEW.tenant_id AND id = 'chain' FOR UPDATE;
    END IF;
    NEW.seq := head_seq + 1;
    NEW.prev_hash := head_hash;
    NEW.hash := audit_entry_hash(head_hash, NEW);
    UPDATE audit_heads SET seq = NEW.seq, hash = NEW.hash WHERE tenant_id = NEW.tenant_id AND id = 'chain';
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_chain();
--> statement-breakpoint

-- Belt and braces for the application role. NOT a guard against the owner, who could disable this
-- trigger: migration 0005 gives the audit tables their own owner and anchors chain heads outside the database.
CREATE FUNCTION audit_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege'; END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();
--> statement-breakpoint

-- Every write to a tenant table lands in the audit log, whoever forgets to record it: the actor and
-- address come from the tenant transaction's settings (withTenant). Values are not copied, only the
-- names of the columns that changed.
CREATE FUNCTION audit_row_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    changed text[];
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
        FROM jsonb_each(to_jsonb(NEW)) n
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
      CASE WHEN TG_TABLE_NAME = 'patients' THEN NEW.id END,
      nullif(current_setting('app.address', true), ''),
      CASE WHEN TG_OP = 'UPDATE' THEN jsonb_build_object('changed', changed) END
    );
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER patients_audit AFTER INSERT OR UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION audit_row_change();
--> statement-breakpoint
CREATE TRIGGER departments_audit AFTER INSERT OR UPDATE ON departments FOR EACH ROW EXECUTE FUNCTION audit_row_change();
--> statement-breakpoint
CREATE TRIGGER memberships_audit AFTER INSERT OR UPDATE ON memberships FOR EACH ROW EXECUTE FUNCTION audit_row_change();
--> statement-breakpoint

CREATE FUNCTION touch_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
--> statement-breakpoint
CREATE TRIGGER patients_touch BEFORE UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER departments_touch BEFORE UPDATE ON departments FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
