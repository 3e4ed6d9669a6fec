-- Trigger functions must not resolve table names through pg_temp: Postgres searches the temporary
-- schema first unless it is named, so a role able to create temp tables could shadow audit_events or
-- audit_heads and write unaudited rows or forge a chain link. pg_temp goes last, explicitly.
ALTER FUNCTION audit_row_change() SET search_path = pg_catalog, public, pg_temp;
--> statement-breakpoint
ALTER FUNCTION audit_forbid_change() SET search_path = pg_catalog, public, pg_temp;
--> statement-breakpoint
ALTER FUNCTION touch_updated_at() SET search_path = pg_catalog, public, pg_temp;
--> statement-breakpoint
ALTER FUNCTION audit_entry_hash(bytea, audit_events) SET search_path = pg_catalog, public, pg_temp;
--> statement-breakpoint
-- The chain trigger, unchanged but for two things: pg_temp pinned last, and the entry's time is the
-- database's, never the application's (an entry cannot be backdated).
CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    head_seq bigint;
    head_hash bytea;
  BEGIN
    NEW.at := now();
    SELECT seq, hash INTO head_seq, head_hash FROM public.audit_heads
      WHERE tenant_id = NEW.tenant_id AND id = 'chain' FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO public.audit_heads (tenant_id, id, seq, hash)
        VALUES (NEW.tenant_id, 'chain', 0, decode(repeat('00', 32), 'hex')) ON CONFLICT DO NOTHING;
      SELECT seq, hash INTO head_seq, head_hash FROM public.audit_heads
        WHERE tenant_id = NEW.tenant_id AND id = 'chain' FOR UPDATE;
    END IF;
    NEW.seq := head_seq + 1;
    NEW.prev_hash := head_hash;
    NEW.hash := public.audit_entry_hash(head_hash, NEW);
    UPDATE public.audit_heads SET seq = NEW.seq, hash = NEW.hash WHERE tenant_id = NEW.tenant_id AND id = 'chain';
    RETURN NEW;
  END
  $$;
