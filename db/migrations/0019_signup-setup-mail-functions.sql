-- Sign-up, e-mail and the set-up wizard (issue 7; decisions 031-034). Runs as emr_owner.

-- The wizard's tables are tenant tables (decision 019).
SELECT protect_tenant_table('hospital_profiles');
--> statement-breakpoint
SELECT protect_tenant_table('invitations');
--> statement-breakpoint

-- The outbox (decision 032): the platform writes and delivers. A hospital's transaction (an invitation)
-- adds a message through queue_mail(), about its own hospital only (app.tenant_id), and reads none.
REVOKE ALL ON outbox, email_verifications, platform_secrets, sign_up_attempts FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON outbox TO emr_platform;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_mail(recipient text, subject text, body_text text, kind text, locale text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    target uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  BEGIN
    IF target IS NULL THEN
      RAISE EXCEPTION 'queue_mail: no tenant in this transaction';
    END IF;
    INSERT INTO outbox (hospital_id, recipient, subject, body_text, kind, locale)
    VALUES (target, queue_mail.recipient, queue_mail.subject, queue_mail.body_text, queue_mail.kind, queue_mail.locale);
  END
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION queue_mail(text, text, text, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION queue_mail(text, text, text, text, text) TO emr_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON email_verifications TO emr_platform;
--> statement-breakpoint
GRANT SELECT, INSERT ON platform_secrets TO emr_platform;
--> statement-breakpoint
-- The sign-up throttle runs at the start of the sign-up transaction, in the identity scope (decision 031).
GRANT SELECT, INSERT, DELETE ON sign_up_attempts TO emr_identity;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE sign_up_attempts_id_seq TO emr_identity;
--> statement-breakpoint

-- Going live (decision 034): the one write of the tenant registry a hospital's own transaction may make,
-- for its own row (app.tenant_id, set by withTenant), from onboarding to active, once its first
-- administrator's e-mail is verified. Answers 'ok', 'unverified' or 'not-onboarding'. SECURITY DEFINER
-- as the owner of tenants; search_path pinned (migration 0003).
CREATE OR REPLACE FUNCTION go_live() RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  DECLARE
    target uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
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
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION go_live() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION go_live() TO emr_app;

--> statement-breakpoint
-- The practice copy (decision 043) takes the hospital's profile too, so it runs the same template.
INSERT INTO training_copied_tables (position, table_name) VALUES (7, 'hospital_profiles') ON CONFLICT DO NOTHING;
