-- The vendor's console (issue 9; decisions 057, 058). Runs as emr_owner, switching to emr_audit_owner for
-- the audit log's objects (as migration 0009 does) and back.
--
-- The platform scope (emr_platform) gains no grant on any tenant table here. It reads per-hospital
-- counts from platform tables that a SECURITY DEFINER function fills, and reaches one hospital's pending
-- invitations and audit log only through functions that return or write exactly what the console needs.

-- Aggregates and the console's own audit trail: platform tables.
REVOKE ALL ON tenant_stats, tenant_usage_daily, platform_audit FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT ON tenant_stats, tenant_usage_daily TO emr_platform;
--> statement-breakpoint
GRANT SELECT, INSERT ON platform_audit TO emr_platform;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE platform_audit_id_seq TO emr_platform;
--> statement-breakpoint
CREATE INDEX tenants_name_idx ON tenants (lower(name), id);
--> statement-breakpoint
CREATE INDEX tenants_status_idx ON tenants (status, id);
--> statement-breakpoint

-- The audit log's side, as its owner.
RESET ROLE;
--> statement-breakpoint
SET ROLE emr_audit_owner;
--> statement-breakpoint
-- Activity per day without an index on every insert's hot path worth the name: a BRIN index on the
-- append-ordered time column is a few pages and costs the writer next to nothing.
CREATE INDEX audit_events_at_brin ON audit_events USING brin (at);
--> statement-breakpoint
-- Per hospital: entries in its chain and the time of the chain head's entry (its last chained activity).
-- Counts and times only.
CREATE FUNCTION audit_activity_heads() RETURNS TABLE (tenant_id uuid, entries bigint, last_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
    SELECT h.tenant_id, h.seq, e.at FROM public.audit_heads h
      LEFT JOIN public.audit_events e ON e.tenant_id = h.tenant_id AND e.seq = h.seq
     WHERE h.id = 'chain'
  $$;
--> statement-breakpoint
-- Per hospital and day (Vietnam's calendar) since `since`: how many people (hospital users, not system
-- jobs) did something. A count only.
CREATE FUNCTION audit_active_people(since date) RETURNS TABLE (tenant_id uuid, day date, people bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
    SELECT e.tenant_id, (e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, count(DISTINCT e.actor_id)
      FROM public.audit_events e
     WHERE e.at >= (since::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND e.actor_kind = 'user' AND e.actor_id IS NOT NULL
     GROUP BY 1, 2
  $$;
--> statement-breakpoint
-- A console action, written into the hospital's own audit log (decision 058): actor kind 'platform', the
-- staff member as actor, entity the hospital. The transaction's settings are put back afterwards.
CREATE FUNCTION record_platform_action(hospital uuid, staff uuid, action text, details jsonb, address text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    was_tenant text := current_setting('app.tenant_id', true);
    was_actor text := current_setting('app.actor_id', true);
    was_kind text := current_setting('app.actor_kind', true);
    was_address text := current_setting('app.address', true);
  BEGIN
    IF hospital IS NULL OR staff IS NULL OR coalesce(action, '') = '' THEN
      RAISE EXCEPTION 'record_platform_action: hospital, staff and action are required';
    END IF;
    PERFORM set_config('app.tenant_id', hospital::text, true);
    PERFORM set_config('app.actor_id', staff::text, true);
    PERFORM set_config('app.actor_kind', 'platform', true);
    PERFORM set_config('app.address', coalesce(address, ''), true);
    INSERT INTO public.audit_events (tenant_id, actor_kind, action, entity_type, entity_id, details)
      VALUES (hospital, 'platform', record_platform_action.action, 'hospital', hospital::text, record_platform_action.details);
    PERFORM set_config('app.tenant_id', coalesce(was_tenant, ''), true);
    PERFORM set_config('app.actor_id', coalesce(was_actor, ''), true);
    PERFORM set_config('app.actor_kind', coalesce(was_kind, ''), true);
    PERFORM set_config('app.address', coalesce(was_address, ''), true);
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_activity_heads(), audit_active_people(date), record_platform_action(uuid, uuid, text, jsonb, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_activity_heads(), audit_active_people(date) TO emr_owner;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION record_platform_action(uuid, uuid, text, jsonb, text) TO emr_platform;
--> statement-breakpoint
-- The owner's security definers below write tenant rows (an invitation's new token); the write-audit
-- trigger then runs as emr_owner and must append its entry. Append only: UPDATE and DELETE stay refused
-- by the append-only trigger, and the entry is stamped from the transaction's settings like any other.
GRANT INSERT ON audit_events TO emr_owner;
--> statement-breakpoint
RESET ROLE;
--> statement-breakpoint
SET ROLE emr_owner;
--> statement-breakpoint

-- The refresh (decision 057): per hospital, counts from (tenant_id, ...) indexes, the template and the
-- wizard's progress; per hospital and day, visits, registrations and active people. Never returns a
-- row of a tenant table: it writes counts into the platform tables and answers how many hospitals it
-- refreshed. The database size is an estimate: the hospital's rows of the largest tables times each
-- table's average bytes per row on disk (indexes and TOAST included), from pg_class; a patient counts with
-- its search words.
CREATE FUNCTION refresh_tenant_stats(days int) RETURNS int
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    was_tenant text := current_setting('app.tenant_id', true);
    since date := (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - (greatest(1, least(days, 400)) - 1);
    today date := (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
    per_patient float8;
    per_visit float8;
    per_entry float8;
    h record;
    n_staff int;
    n_patients int;
    n_visits int;
    n_visits_7d int;
    t_code text;
    t_version text;
    p_code text;
    p_version text;
    steps text[];
    refreshed int := 0;
  BEGIN
    -- A patient's row with its search words (patient_search_words, derived from it: decision 014). Rows
    -- from the planner's estimate, or the statistics' live count for a table never analysed; with
    -- neither (a new database), a typical row's size stands in: reltuples -1 or 0 must not make one row
    -- weigh the whole table.
    SELECT CASE WHEN greatest(c.reltuples, coalesce(st.n_live_tup, 0)) >= 1
             THEN (pg_total_relation_size(c.oid) + pg_total_relation_size('public.patient_search_words'::regclass))::float8
                  / greatest(c.reltuples, coalesce(st.n_live_tup, 0))
             ELSE 2048 END
      INTO per_patient FROM pg_class c LEFT JOIN pg_stat_all_tables st ON st.relid = c.oid WHERE c.oid = 'public.patients'::regclass;
    SELECT CASE WHEN greatest(c.reltuples, coalesce(st.n_live_tup, 0)) >= 1
             THEN pg_total_relation_size(c.oid)::float8 / greatest(c.reltuples, coalesce(st.n_live_tup, 0))
             ELSE 1024 END
      INTO per_visit FROM pg_class c LEFT JOIN pg_stat_all_tables st ON st.relid = c.oid WHERE c.oid = 'public.visits'::regclass;
    SELECT CASE WHEN greatest(c.reltuples, coalesce(st.n_live_tup, 0)) >= 1
             THEN pg_total_relation_size(c.oid)::float8 / greatest(c.reltuples, coalesce(st.n_live_tup, 0))
             ELSE 512 END
      INTO per_entry FROM pg_class c LEFT JOIN pg_stat_all_tables st ON st.relid = c.oid WHERE c.oid = 'public.audit_events'::regclass;
    FOR h IN SELECT id FROM public.tenants WHERE archived_at IS NULL AND training_of IS NULL ORDER BY id LOOP
      PERFORM set_config('app.tenant_id', h.id::text, true);
      SELECT count(*) INTO n_staff FROM public.memberships m WHERE m.tenant_id = h.id AND m.active;
      SELECT count(*) INTO n_patients FROM public.patients p WHERE p.tenant_id = h.id;
      SELECT count(*), count(*) FILTER (WHERE v.visit_date > today - 7) INTO n_visits, n_visits_7d FROM public.visits v WHERE v.tenant_id = h.id;
      SELECT ht.template_code, ht.template_version INTO t_code, t_version FROM public.hospital_templates ht WHERE ht.tenant_id = h.id;
      SELECT hp.completed_steps, hp.template_code, hp.template_version INTO steps, p_code, p_version
        FROM public.hospital_profiles hp WHERE hp.tenant_id = h.id;
      INSERT INTO public.tenant_stats AS s (hospital_id, staff_count, patient_count, visits_7d, last_activity_at, approx_bytes,
                                            template_code, template_version, setup_steps, refreshed_at)
        VALUES (h.id, n_staff, n_patients, n_visits_7d, NULL,
                round(n_patients * per_patient + n_visits * per_visit)::bigint,
                coalesce(t_code, p_code), coalesce(t_version, p_version), coalesce(steps, '{}'), now())
        ON CONFLICT (hospital_id) DO UPDATE SET staff_count = excluded.staff_count, patient_count = excluded.patient_count,
          visits_7d = excluded.visits_7d, last_activity_at = excluded.last_activity_at, approx_bytes = excluded.approx_bytes,
          template_code = excluded.template_code, template_version = excluded.template_version,
          setup_steps = excluded.setup_steps, refreshed_at = excluded.refreshed_at;
      INSERT INTO public.tenant_usage_daily AS u (hospital_id, day, visits, patients_registered, active_staff)
        SELECT h.id, d.day::date,
               coalesce((SELECT count(*) FROM public.visits v WHERE v.tenant_id = h.id AND v.visit_date = d.day::date), 0),
               coalesce(reg.n, 0),
               0
          FROM generate_series(since, today, interval '1 day') AS d(day)
          LEFT JOIN (SELECT (p.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, count(*) AS n FROM public.patients p
                      WHERE p.tenant_id = h.id AND p.created_at >= (since::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') GROUP BY 1) reg
            ON reg.day = d.day::date
        ON CONFLICT (hospital_id, day) DO UPDATE SET visits = excluded.visits, patients_registered = excluded.patients_registered,
          active_staff = excluded.active_staff;
      refreshed := refreshed + 1;
    END LOOP;
    PERFORM set_config('app.tenant_id', coalesce(was_tenant, ''), true);
    -- The audit log's share, from its owner's two functions (one pass each for every hospital).
    UPDATE public.tenant_stats s SET last_activity_at = a.last_at, approx_bytes = s.approx_bytes + round(a.entries * per_entry)::bigint
      FROM public.audit_activity_heads() a WHERE s.hospital_id = a.tenant_id;
    UPDATE public.tenant_usage_daily u SET active_staff = a.people
      FROM public.audit_active_people(since) a WHERE u.hospital_id = a.tenant_id AND u.day = a.day;
    RETURN refreshed;
  END
  $$;
--> statement-breakpoint
-- One hospital's pending invitations, for "resend an invitation": who (the invited staff member's
-- address and name), which role, until when. Never a token or anything of a patient.
CREATE FUNCTION pending_invitations(hospital uuid)
  RETURNS TABLE (id uuid, email text, display_name text, role text, expires_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    was_tenant text := current_setting('app.tenant_id', true);
  BEGIN
    PERFORM set_config('app.tenant_id', hospital::text, true);
    RETURN QUERY SELECT i.id, i.email, i.display_name, i.role, i.expires_at FROM public.invitations i
      WHERE i.tenant_id = hospital AND i.status = 'pending' ORDER BY i.created_at;
    PERFORM set_config('app.tenant_id', coalesce(was_tenant, ''), true);
  END
  $$;
--> statement-breakpoint
-- "Resend": a pending invitation gets a new token (its hash) and a new expiry, and its message is queued
-- through queue_mail() under that hospital. The old link stops working (only the hash is kept, so the
-- old token cannot be sent again). The write is audited by the table's trigger, as the staff member
-- with actor kind 'platform' (a console action, not support access: app_tenant_id() gates only
-- 'support', which needs the hospital's grant, decision 059). Answers the invitation's address, name, role and language, or no row.
CREATE FUNCTION reissue_invitation(hospital uuid, invitation uuid, staff uuid, new_token_hash text, new_expires_at timestamptz,
                                   subject text, body_text text)
  RETURNS TABLE (email text, display_name text, role text, locale text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    was_tenant text := current_setting('app.tenant_id', true);
    was_actor text := current_setting('app.actor_id', true);
    was_kind text := current_setting('app.actor_kind', true);
    hit record;
  BEGIN
    PERFORM set_config('app.tenant_id', hospital::text, true);
    PERFORM set_config('app.actor_id', staff::text, true);
    PERFORM set_config('app.actor_kind', 'platform', true);
    UPDATE public.invitations i SET token_hash = new_token_hash, expires_at = new_expires_at, version = i.version + 1
      WHERE i.tenant_id = hospital AND i.id = invitation AND i.status = 'pending'
      RETURNING i.email, i.display_name, i.role, i.locale INTO hit;
    IF FOUND THEN
      PERFORM public.queue_mail(hit.email, subject, body_text, 'invitation', hit.locale);
      email := hit.email; display_name := hit.display_name; role := hit.role; locale := hit.locale;
      RETURN NEXT;
    END IF;
    PERFORM set_config('app.tenant_id', coalesce(was_tenant, ''), true);
    PERFORM set_config('app.actor_id', coalesce(was_actor, ''), true);
    PERFORM set_config('app.actor_kind', coalesce(was_kind, ''), true);
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_tenant_stats(int), pending_invitations(uuid),
  reissue_invitation(uuid, uuid, uuid, text, timestamptz, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION refresh_tenant_stats(int), pending_invitations(uuid),
  reissue_invitation(uuid, uuid, uuid, text, timestamptz, text, text) TO emr_platform;
--> statement-breakpoint

-- Going live starts the 30-day trial (decision 058): go_live() as in the support migration (its tenant
-- from app_tenant_id(), decision 059), and trial_ends_at.
CREATE OR REPLACE FUNCTION go_live() RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    target uuid := app_tenant_id();
    found_status text;
    found_verified timestamptz;
  BEGIN
    IF target IS NULL THEN
      RAISE EXCEPTION 'go_live: no tenant in this transaction';
    END IF;
    SELECT status, verified_at INTO found_status, found_verified FROM tenants WHERE id = target FOR UPDATE;
    IF found_status IS DISTINCT FROM 'onboarding' THEN
      RETURN 'not-onboarding';
    END IF;
    IF found_verified IS NULL THEN
      RETURN 'unverified';
    END IF;
    UPDATE tenants SET status = 'active', trial_ends_at = coalesce(trial_ends_at, now() + interval '30 days') WHERE id = target;
    RETURN 'ok';
  END
  $$;
