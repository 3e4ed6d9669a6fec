-- The practice copy of a hospital (decision 043). Runs as emr_owner.
--
-- A practice copy is a tenant of its own (tenants.training_of names the real hospital) holding a copy of
-- the real hospital's configuration and staff, and made-up patients. Copying reads one tenant and writes
-- another, which the application role, bound to one tenant per transaction, cannot do by itself. So:
--   - the registry (tenants) is touched only by SECURITY DEFINER functions owned by emr_owner, which
--     check that the transaction acts for the real hospital (app.tenant_id) as one of its members, and
--     only ever create a NEW tenant as the target: nothing can be copied into a real hospital, and a
--     practice copy is never a source (a practice copy cannot have a practice copy);
--   - the rows are copied by SECURITY INVOKER functions running as emr_app, so the tables' row-level
--     security, grants and write-audit trigger apply as to any write of the application: they switch
--     app.tenant_id (transaction-local) between the source, to read, and the new copy, to write, and
--     end on the source again.
-- Everything happens in the caller's one transaction.

-- Which configuration tables a practice copy receives, row for row (ids kept: keys are (tenant_id, id)
-- and foreign keys carry tenant_id), in this order (a table after those it points to). Patients, visits,
-- counters and the audit log are never copied. app/training/copied-tables.ts mirrors this list.
INSERT INTO training_copied_tables (position, table_name) VALUES
  (5, 'hospital_roles'),
  (10, 'departments'),
  (20, 'rooms'),
  (30, 'beds'),
  (40, 'services'),
  (50, 'formulary_items'),
  (60, 'note_forms'),
  (70, 'order_sets'),
  (80, 'workflow_steps')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
REVOKE ALL ON training_copied_tables FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT ON training_copied_tables TO emr_app;
--> statement-breakpoint

-- The real hospital a practice-copy operation starts from, checked: the transaction acts for it
-- (app.tenant_id), as a user who is one of its members; it is a real hospital (not a practice copy),
-- not suspended. With `lock`, its registry row is locked until the transaction ends, so two "open"
-- clicks cannot both create a copy. Internal: only the functions below call it.
CREATE OR REPLACE FUNCTION training_require_source(source uuid, lock boolean) RETURNS tenants
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    hospital tenants;
    actor uuid := nullif(current_setting('app.actor_id', true), '')::uuid;
  BEGIN
    IF source IS NULL OR source::text IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '') THEN
      RAISE EXCEPTION 'practice copy: this transaction does not act for hospital %', source USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF coalesce(current_setting('app.actor_kind', true), '') <> 'user' OR actor IS NULL
       OR NOT EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = source AND m.user_id = actor AND m.active) THEN
      RAISE EXCEPTION 'practice copy: only a member of the hospital may do this' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF lock THEN
      SELECT * INTO hospital FROM tenants t WHERE t.id = source FOR UPDATE;
    ELSE
      SELECT * INTO hospital FROM tenants t WHERE t.id = source;
    END IF;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'practice copy: no hospital %', source USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF hospital.training_of IS NOT NULL THEN
      RAISE EXCEPTION 'practice copy: a practice copy cannot have a practice copy' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF hospital.status = 'suspended' OR hospital.archived_at IS NOT NULL THEN
      RAISE EXCEPTION 'practice copy: hospital % is locked', source USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN hospital;
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION training_require_source(uuid, boolean) FROM PUBLIC;
--> statement-breakpoint

-- The live practice copy of `source`, or a new, empty one registered now (created = true). Its slug is
-- "<slug>-thuc-hanh" (a number added when taken), its name the real hospital's, its status active (a
-- practice copy records clinical work even while the real hospital is still onboarding).
CREATE OR REPLACE FUNCTION training_register_copy(source uuid, OUT copy_id uuid, OUT copy_slug text, OUT created boolean)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    hospital tenants := training_require_source(source, true);
    base text := left(hospital.slug, 88) || '-thuc-hanh';
    candidate text := base;
    n int := 1;
  BEGIN
    SELECT t.id, t.slug INTO copy_id, copy_slug FROM tenants t WHERE t.training_of = source AND t.archived_at IS NULL;
    IF FOUND THEN
      created := false;
      RETURN;
    END IF;
    WHILE EXISTS (SELECT 1 FROM tenants t WHERE t.slug = candidate) LOOP
      n := n + 1;
      candidate := base || '-' || n;
    END LOOP;
    INSERT INTO tenants (slug, name, status, training_of)
      VALUES (candidate, hospital.name, 'active', source)
      RETURNING id, slug INTO copy_id, copy_slug;
    created := true;
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION training_register_copy(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION training_register_copy(uuid) TO emr_app;
--> statement-breakpoint

-- Archives the live practice copy of `source` ("reset"): kept with its whole audit log, locked like a
-- suspended hospital, never listed again; its slug gains "-luu-<id>" so the next copy can take the
-- plain one. Returns the archived copy's id, or null when there was none.
CREATE OR REPLACE FUNCTION training_archive_copy(source uuid) RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    hospital tenants := training_require_source(source, true);
    archived uuid;
  BEGIN
    UPDATE tenants t
       SET archived_at = now(), status = 'suspended', slug = left(t.slug, 87) || '-luu-' || left(t.id::text, 8)
     WHERE t.training_of = hospital.id AND t.archived_at IS NULL
     RETURNING t.id INTO archived;
    RETURN archived;
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION training_archive_copy(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION training_archive_copy(uuid) TO emr_app;
--> statement-breakpoint

-- The live practice copy of `source`, or null; for reading its progress.
CREATE OR REPLACE FUNCTION training_live_copy(source uuid) RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    hospital tenants := training_require_source(source, false);
  BEGIN
    RETURN (SELECT t.id FROM tenants t WHERE t.training_of = hospital.id AND t.archived_at IS NULL);
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION training_live_copy(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION training_live_copy(uuid) TO emr_app;
--> statement-breakpoint

-- Opens the practice copy of the hospital this transaction acts for: the live one, or a new one filled
-- with the tables of training_copied_tables, row for row. Either way, members of the real hospital who
-- are not yet in the copy are added with their roles (someone hired after the copy was made can
-- practise too). Runs as the caller (emr_app): the writes go through row-level security and the audit
-- trigger like any other, attributed to the person who opened the copy.
CREATE OR REPLACE FUNCTION open_training_copy(source uuid, OUT copy_id uuid, OUT copy_slug text, OUT created boolean)
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    registered record;
    copied text;
    columns text;
    rows_of jsonb;
  BEGIN
    SELECT * INTO registered FROM training_register_copy(source);
    copy_id := registered.copy_id;
    copy_slug := registered.copy_slug;
    created := registered.created;
    IF created THEN
      FOR copied IN SELECT c.table_name FROM training_copied_tables c ORDER BY c.position LOOP
        -- Every stored column (a generated one is computed again in the copy).
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO columns
          FROM pg_attribute a
         WHERE a.attrelid = copied::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';
        PERFORM set_config('app.tenant_id', source::text, true);
        EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(r) || jsonb_build_object(''tenant_id'', $1::uuid)), ''[]''::jsonb) FROM %I r WHERE r.tenant_id = $2', copied)
          INTO rows_of USING copy_id, source;
        PERFORM set_config('app.tenant_id', copy_id::text, true);
        EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM jsonb_populate_recordset(NULL::%I, $1)', copied, columns, columns, copied)
          USING rows_of;
      END LOOP;
    END IF;
    -- The staff: every membership of the real hospital the copy does not have yet, with its id kept (so
    -- that a table keyed by membership can be copied the same way).
    PERFORM set_config('app.tenant_id', source::text, true);
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'user_id', m.user_id, 'roles', m.roles)), '[]'::jsonb) INTO rows_of
      FROM memberships m WHERE m.tenant_id = source AND m.active;
    PERFORM set_config('app.tenant_id', copy_id::text, true);
    INSERT INTO memberships (tenant_id, id, user_id, roles)
      SELECT copy_id, s.id, s.user_id, s.roles FROM jsonb_to_recordset(rows_of) AS s(id uuid, user_id uuid, roles text[])
      ON CONFLICT DO NOTHING;
    PERFORM set_config('app.tenant_id', source::text, true);
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION open_training_copy(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION open_training_copy(uuid) TO emr_app;
--> statement-breakpoint

-- "Reset": archives the live practice copy (if any) and opens a fresh one, in the caller's transaction.
CREATE OR REPLACE FUNCTION reset_training_copy(source uuid, OUT copy_id uuid, OUT copy_slug text, OUT archived_id uuid)
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp
  AS $$
  BEGIN
    archived_id := training_archive_copy(source);
    SELECT o.copy_id, o.copy_slug INTO copy_id, copy_slug FROM open_training_copy(source) o;
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION reset_training_copy(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION reset_training_copy(uuid) TO emr_app;
--> statement-breakpoint

-- What each person did in the live practice copy: entries of its audit log by actor and action, for
-- the actions asked (e.g. patients.insert). Counts only, no patient data. Runs as the caller (emr_app),
-- reading the copy's audit log under its row-level security, and ends on the source again.
CREATE OR REPLACE FUNCTION training_progress(source uuid, actions text[])
  RETURNS TABLE (actor_id uuid, action text, entries bigint)
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    live uuid := training_live_copy(source);
  BEGIN
    IF live IS NULL THEN
      RETURN;
    END IF;
    PERFORM set_config('app.tenant_id', live::text, true);
    RETURN QUERY
      SELECT e.actor_id, e.action, count(*)
        FROM audit_events e
       WHERE e.tenant_id = live AND e.actor_kind = 'user' AND e.actor_id IS NOT NULL AND e.action = ANY (actions)
       GROUP BY e.actor_id, e.action;
    PERFORM set_config('app.tenant_id', source::text, true);
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION training_progress(uuid, text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION training_progress(uuid, text[]) TO emr_app;

