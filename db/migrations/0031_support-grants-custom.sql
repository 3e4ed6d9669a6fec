-- Support access that the hospital controls (issue 9, decision 059). Runs as emr_owner, except the one
-- audit function, which belongs to emr_audit_owner (decision 023).

ALTER TABLE support_grants ADD CONSTRAINT support_grants_status
  CHECK (status IN ('requested', 'approved', 'refused', 'revoked', 'cancelled'));
--> statement-breakpoint
ALTER TABLE support_grants ADD CONSTRAINT support_grants_emergency_confirmations
  CHECK (emergency OR cardinality(emergency_confirmed_by) = 0);
--> statement-breakpoint

-- The tenant of this transaction, as every tenant table's policy sees it (db/schema/kit.ts). A hospital
-- user's or the system's transaction gets app.tenant_id as before. A support transaction (app.actor_kind
-- 'support') gets it only while an approved grant for (that hospital, app.actor_id) has started, has not
-- expired nor been revoked, and the hospital is not suspended; otherwise null, so every policy matches no
-- row and refuses every write. Policies call it as a scalar subquery, `(select app_tenant_id())`: one
-- evaluation per statement (an InitPlan), as the expression it replaces. SECURITY DEFINER as the owner of
-- support_grants (RLS enabled, not forced: the owner reads it whole), so emr_app needs no grant to check.
-- PL/pgSQL, whose plans are cached per session: about 4 µs a call against 10 µs for a SQL function,
-- which Postgres 15 plans again on every call (decision 059 has the measurements).
CREATE OR REPLACE FUNCTION app_tenant_id() RETURNS uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
    actor uuid;
  BEGIN
    IF coalesce(current_setting('app.actor_kind', true), '') <> 'support' THEN
      RETURN tenant;
    END IF;
    actor := nullif(current_setting('app.actor_id', true), '')::uuid;
    IF actor IS NOT NULL
      AND EXISTS (SELECT 1 FROM public.support_grants g
                  WHERE g.hospital_id = tenant AND g.staff_user_id = actor AND g.status = 'approved'
                    AND g.starts_at <= now() AND now() < g.expires_at)
      AND EXISTS (SELECT 1 FROM public.tenants t WHERE t.id = tenant AND t.status <> 'suspended') THEN
      RETURN tenant;
    END IF;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_tenant_id() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_tenant_id() TO emr_app, emr_platform, emr_identity, emr_audit_owner;
--> statement-breakpoint

-- Who reads the grants: the console (every hospital's, no patient data in them) and a hospital's own
-- transaction (its own hospital's only). Nobody writes them directly: the functions below do.
REVOKE ALL ON support_grants FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT ON support_grants TO emr_platform, emr_app;
--> statement-breakpoint
CREATE POLICY support_grants_platform_read ON support_grants FOR SELECT TO emr_platform USING (true);
--> statement-breakpoint
CREATE POLICY support_grants_hospital_read ON support_grants FOR SELECT TO emr_app
  USING (hospital_id = (SELECT app_tenant_id()));
--> statement-breakpoint

-- One entry in a hospital's own audit log for what happens to a grant on the staff side (requested,
-- cancelled, an owner's emergency confirmation), written as support by that staff member. Owned by
-- emr_audit_owner, whose policy reaches every hospital's log; only the functions below (emr_owner) may
-- call it. The stamp trigger takes actor and address from the settings, so it sets them for the insert
-- and puts them back.
RESET ROLE;
--> statement-breakpoint
SET ROLE emr_audit_owner;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION support_audit(hospital uuid, staff uuid, what text, grant_id uuid, extra jsonb) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    saved_tenant text := current_setting('app.tenant_id', true);
    saved_kind text := current_setting('app.actor_kind', true);
    saved_actor text := current_setting('app.actor_id', true);
  BEGIN
    PERFORM set_config('app.tenant_id', hospital::text, true);
    PERFORM set_config('app.actor_kind', 'support', true);
    PERFORM set_config('app.actor_id', staff::text, true);
    INSERT INTO public.audit_events (tenant_id, actor_kind, action, entity_type, entity_id, details)
      VALUES (hospital, 'support', what, 'support_grants', grant_id::text, extra);
    PERFORM set_config('app.tenant_id', coalesce(saved_tenant, ''), true);
    PERFORM set_config('app.actor_kind', coalesce(saved_kind, ''), true);
    PERFORM set_config('app.actor_id', coalesce(saved_actor, ''), true);
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION support_audit(uuid, uuid, text, uuid, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION support_audit(uuid, uuid, text, uuid, jsonb) TO emr_owner;
--> statement-breakpoint
SET ROLE emr_owner;
--> statement-breakpoint

-- The staff side (platform scope). The console names the acting staff member (the platform scope has
-- no actor of its own); the functions check what the database can: an active staff account, the roles,
-- the requester, the state. A request is pending until the hospital decides.
CREATE OR REPLACE FUNCTION support_grant_request(hospital uuid, staff uuid, reason text, preset text, permissions text[], minutes int, emergency boolean)
  RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    staff_role text;
    new_id uuid;
  BEGIN
    SELECT ps.role INTO staff_role FROM platform_staff ps WHERE ps.user_id = staff AND ps.active;
    IF staff_role IS NULL THEN
      RAISE EXCEPTION 'support_grant_request: not an active staff member' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO support_grants (hospital_id, staff_user_id, reason, preset, permissions, duration_minutes, emergency, emergency_confirmed_by)
      VALUES (hospital, staff, btrim(reason), preset, permissions, minutes, emergency,
              CASE WHEN emergency AND staff_role = 'owner' THEN ARRAY[staff] ELSE '{}'::uuid[] END)
      RETURNING id INTO new_id;
    PERFORM support_audit(hospital, staff, CASE WHEN emergency THEN 'support.emergency_requested' ELSE 'support.requested' END, new_id,
      jsonb_build_object('reason', btrim(reason), 'preset', preset, 'minutes', minutes));
    RETURN new_id;
  END
  $$;
--> statement-breakpoint

-- The requester withdraws a pending request ('cancelled'), or ends their own access early ('revoked').
CREATE OR REPLACE FUNCTION support_grant_withdraw(grant_id uuid, staff uuid) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    g support_grants;
  BEGIN
    SELECT * INTO g FROM support_grants WHERE id = grant_id AND staff_user_id = staff FOR UPDATE;
    IF NOT FOUND THEN RETURN 'not-found'; END IF;
    IF g.status = 'requested' THEN
      UPDATE support_grants SET status = 'cancelled', decided_at = now() WHERE id = grant_id;
      PERFORM support_audit(g.hospital_id, staff, 'support.cancelled', grant_id, NULL);
      RETURN 'cancelled';
    ELSIF g.status = 'approved' AND now() < g.expires_at THEN
      UPDATE support_grants SET status = 'revoked', revoked_by = staff, revoked_at = now() WHERE id = grant_id;
      PERFORM support_audit(g.hospital_id, staff, 'support.ended', grant_id, NULL);
      RETURN 'ended';
    END IF;
    RETURN 'not-pending';
  END
  $$;
--> statement-breakpoint

-- The emergency path: two different owner-role staff confirm; the requester (counted first when an
-- owner) is never the second. The second confirmation approves the grant from now on.
CREATE OR REPLACE FUNCTION support_grant_confirm_emergency(grant_id uuid, owner uuid) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    g support_grants;
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM platform_staff ps WHERE ps.user_id = owner AND ps.active AND ps.role = 'owner') THEN
      RETURN 'not-owner';
    END IF;
    SELECT * INTO g FROM support_grants WHERE id = grant_id FOR UPDATE;
    IF NOT FOUND OR NOT g.emergency THEN RETURN 'not-found'; END IF;
    IF g.status <> 'requested' THEN RETURN 'not-pending'; END IF;
    IF owner = ANY (g.emergency_confirmed_by) THEN RETURN 'already-confirmed'; END IF;
    IF cardinality(g.emergency_confirmed_by) >= 1 AND owner = g.staff_user_id THEN RETURN 'requester'; END IF;
    IF cardinality(g.emergency_confirmed_by) = 0 THEN
      UPDATE support_grants SET emergency_confirmed_by = ARRAY[owner] WHERE id = grant_id;
      PERFORM support_audit(g.hospital_id, owner, 'support.emergency_confirmed', grant_id, NULL);
      RETURN 'confirmed';
    END IF;
    UPDATE support_grants
      SET emergency_confirmed_by = emergency_confirmed_by || owner, status = 'approved', decided_at = now(),
          starts_at = now(), expires_at = now() + make_interval(mins => g.duration_minutes)
      WHERE id = grant_id;
    PERFORM support_audit(g.hospital_id, owner, 'support.emergency_approved', grant_id,
      jsonb_build_object('confirmedBy', to_jsonb(g.emergency_confirmed_by || owner)));
    RETURN 'approved';
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION support_grant_request(uuid, uuid, text, text, text[], int, boolean), support_grant_withdraw(uuid, uuid),
  support_grant_confirm_emergency(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION support_grant_request(uuid, uuid, text, text, text[], int, boolean), support_grant_withdraw(uuid, uuid),
  support_grant_confirm_emergency(uuid, uuid) TO emr_platform;
--> statement-breakpoint

-- The hospital side (its own transaction, as one of its users): approve or refuse a pending request,
-- revoke an approved one at any time. Only a grant of this transaction's hospital, only by an active
-- member who is not the requester; never in a support transaction. The application checks the
-- member's permission and writes the audit entry in the same transaction.
CREATE OR REPLACE FUNCTION support_grant_decide(grant_id uuid, decision text) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    tenant uuid := app_tenant_id();
    actor uuid := nullif(current_setting('app.actor_id', true), '')::uuid;
    g support_grants;
  BEGIN
    IF tenant IS NULL OR actor IS NULL OR coalesce(current_setting('app.actor_kind', true), '') <> 'user' THEN
      RAISE EXCEPTION 'support_grant_decide: only a hospital user decides' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO g FROM support_grants WHERE id = grant_id AND hospital_id = tenant FOR UPDATE;
    IF NOT FOUND THEN RETURN 'not-found'; END IF;
    IF g.staff_user_id = actor THEN RETURN 'own-request'; END IF;
    IF NOT EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = tenant AND m.user_id = actor AND m.active) THEN
      RAISE EXCEPTION 'support_grant_decide: not a member' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF decision = 'approve' AND g.status = 'requested' THEN
      UPDATE support_grants SET status = 'approved', decided_by = actor, decided_at = now(),
        starts_at = now(), expires_at = now() + make_interval(mins => g.duration_minutes)
        WHERE id = grant_id;
      RETURN 'ok';
    ELSIF decision = 'refuse' AND g.status = 'requested' THEN
      UPDATE support_grants SET status = 'refused', decided_by = actor, decided_at = now() WHERE id = grant_id;
      RETURN 'ok';
    ELSIF decision = 'revoke' AND g.status = 'approved' AND now() < g.expires_at THEN
      UPDATE support_grants SET status = 'revoked', revoked_by = actor, revoked_at = now() WHERE id = grant_id;
      RETURN 'ok';
    END IF;
    RETURN 'not-pending';
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION support_grant_decide(uuid, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION support_grant_decide(uuid, text) TO emr_app;
--> statement-breakpoint

-- The hospital's own security-definer functions see the tenant as the policies do: a support
-- transaction without a grant queues no mail and takes no hospital live.
CREATE OR REPLACE FUNCTION queue_mail(recipient text, subject text, body_text text, kind text, locale text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    target uuid := app_tenant_id();
  BEGIN
    IF target IS NULL THEN
      RAISE EXCEPTION 'queue_mail: no tenant in this transaction';
    END IF;
    INSERT INTO outbox (hospital_id, recipient, subject, body_text, kind, locale)
    VALUES (target, queue_mail.recipient, queue_mail.subject, queue_mail.body_text, queue_mail.kind, queue_mail.locale);
  END
  $$;
--> statement-breakpoint
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
    UPDATE tenants SET status = 'active' WHERE id = target;
    RETURN 'ok';
  END
  $$;
