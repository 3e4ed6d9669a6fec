-- The audit log off the hot path, under its own owner (decisions 022, 023).
--
-- Ownership: the audit tables and functions move to emr_audit_owner, which emr_owner is not a member of,
-- so the role that runs other tables' migrations can no longer disable the append-only trigger, alter
-- the tables or replace the functions. ALTER ... OWNER needs the administrator that runs the migrations
-- (member of both roles); the audit objects are then (re)defined as emr_audit_owner, and the migration
-- hands the session back to emr_owner at its end. Later migrations of audit objects do the same.
RESET ROLE;
--> statement-breakpoint
ALTER TABLE audit_events OWNER TO emr_audit_owner;
--> statement-breakpoint
ALTER TABLE audit_heads OWNER TO emr_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_entry_hash(bytea, audit_events) OWNER TO emr_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_chain() OWNER TO emr_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_forbid_change() OWNER TO emr_audit_owner;
--> statement-breakpoint
ALTER FUNCTION audit_row_change() OWNER TO emr_audit_owner;
--> statement-breakpoint
SET ROLE emr_audit_owner;
--> statement-breakpoint

-- The chainer and the operator functions below are security definers owned by emr_audit_owner; FORCE
-- binds the owner, so it needs a policy of its own to reach every hospital's backlog. No other role can
-- become emr_audit_owner.
CREATE POLICY audit_events_chainer ON audit_events FOR ALL TO emr_audit_owner USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY audit_heads_chainer ON audit_heads FOR ALL TO emr_audit_owner USING (true) WITH CHECK (true);
--> statement-breakpoint

-- No lock in the reader's transaction: an entry is written unchained (seq, prev_hash, hash null), with
-- the time, actor and address taken from the transaction, whatever the inserted row says.
DROP TRIGGER audit_events_chain ON audit_events;
--> statement-breakpoint
DROP FUNCTION audit_chain();
--> statement-breakpoint
CREATE FUNCTION audit_stamp() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp
  AS $$
  BEGIN
    NEW.at := now();
    NEW.actor_id := nullif(current_setting('app.actor_id', true), '')::uuid;
    NEW.actor_kind := coalesce(nullif(current_setting('app.actor_kind', true), ''), 'unknown');
    NEW.address := nullif(current_setting('app.address', true), '');
    NEW.seq := NULL;
    NEW.prev_hash := NULL;
    NEW.hash := NULL;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_stamp BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_stamp();
--> statement-breakpoint

-- Append-only, with one exception: the chainer (running as emr_audit_owner) links an unchained entry,
-- filling seq, prev_hash and hash once and changing nothing else. Everyone else, emr_owner included,
-- is refused. A superuser can still do anything; the anchors outside the database catch that.
CREATE OR REPLACE FUNCTION audit_forbid_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp
  AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND current_user = 'emr_audit_owner' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND (to_jsonb(OLD) - ARRAY['seq', 'prev_hash', 'hash']) = (to_jsonb(NEW) - ARRAY['seq', 'prev_hash', 'hash']) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
  END
  $$;
--> statement-breakpoint

-- The single chainer of one hospital: links up to max_entries unchained entries in (at, id) order onto
-- the head. The head row is taken FOR UPDATE SKIP LOCKED, so a second chainer of the same hospital
-- returns at once instead of forking the chain or waiting; it finds the rest next time.
CREATE FUNCTION audit_chain_backlog(tenant uuid, max_entries int) RETURNS int
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    head_seq bigint;
    head_hash bytea;
    e public.audit_events;
    linked int := 0;
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.audit_heads WHERE tenant_id = tenant AND id = 'chain') THEN
      INSERT INTO public.audit_heads (tenant_id, id, seq, hash)
        VALUES (tenant, 'chain', 0, decode(repeat('00', 32), 'hex')) ON CONFLICT DO NOTHING;
    END IF;
    SELECT seq, hash INTO head_seq, head_hash FROM public.audit_heads
      WHERE tenant_id = tenant AND id = 'chain' FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      RETURN 0;
    END IF;
    FOR e IN SELECT * FROM public.audit_events WHERE tenant_id = tenant AND seq IS NULL ORDER BY at, id LIMIT max_entries LOOP
      e.seq := head_seq + 1;
      e.prev_hash := head_hash;
      e.hash := public.audit_entry_hash(head_hash, e);
      UPDATE public.audit_events SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash
        WHERE tenant_id = tenant AND id = e.id;
      head_seq := e.seq;
      head_hash := e.hash;
      linked := linked + 1;
    END LOOP;
    IF linked > 0 THEN
      UPDATE public.audit_heads SET seq = head_seq, hash = head_hash WHERE tenant_id = tenant AND id = 'chain';
    END IF;
    RETURN linked;
  END
  $$;
--> statement-breakpoint

-- For the platform's jobs and the verifier: which hospitals have entries waiting, and every chain head.
-- Tenant ids, counts, times and hashes only: no entry content, no patient.
CREATE FUNCTION audit_backlog() RETURNS TABLE (tenant_id uuid, pending bigint, oldest timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
    SELECT e.tenant_id, count(*), min(e.at) FROM public.audit_events e WHERE e.seq IS NULL GROUP BY e.tenant_id
  $$;
--> statement-breakpoint
CREATE FUNCTION audit_chain_heads() RETURNS TABLE (tenant_id uuid, seq bigint, hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
    SELECT h.tenant_id, h.seq, encode(h.hash, 'hex') FROM public.audit_heads h WHERE h.id = 'chain' AND h.seq > 0
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_chain_backlog(uuid, int), audit_backlog(), audit_chain_heads() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_chain_backlog(uuid, int), audit_backlog(), audit_chain_heads() TO emr_platform;
--> statement-breakpoint
SET ROLE emr_owner;
--> statement-breakpoint

-- Security events: written by the platform scope in their own transaction, read by operators; never
-- changed or deleted by the application.
GRANT SELECT, INSERT ON security_events TO emr_platform;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE security_events_id_seq TO emr_platform;
