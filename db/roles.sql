-- Roles and database-level grants. Run by scripts/migrate.ts as the connecting administrator, before the
-- migrations (which then run as emr_owner). Roles are cluster-wide and shared by every database on the
-- server, so this tolerates their existence and never drops them (docs/stack.md).
--
--   emr_owner     owns every table; runs migrations. NOLOGIN: reached by SET ROLE from the admin.
--   emr_app       the application's login. Not owner, not superuser, NOBYPASSRLS, NOINHERIT: it holds
--                 the tenant-table grants itself and reaches the platform scope only by SET LOCAL ROLE.
--   emr_platform  the platform scope (tenant registry; later plans, support). No grant on patient data,
--                 none on password hashes, sessions or sign-in attempts.
--   emr_identity  sign-in identities (users, password hashes, sessions, sign-in attempts), reached only by
--                 withIdentity() from app/auth/. No grant on the tenant registry or any tenant table.
--   emr_audit_owner  owns the audit log, its chain and their functions (decision 023), so that emr_owner,
--                 which runs every other table's migrations, cannot disable the append-only trigger or
--                 rewrite an entry. NOLOGIN; migrations switch to it only for audit objects.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'emr_owner') THEN
    CREATE ROLE emr_owner NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'emr_app') THEN
    CREATE ROLE emr_app LOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'emr_platform') THEN
    CREATE ROLE emr_platform NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'emr_identity') THEN
    CREATE ROLE emr_identity NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'emr_audit_owner') THEN
    CREATE ROLE emr_audit_owner NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
ALTER ROLE emr_owner NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
--> statement-breakpoint
ALTER ROLE emr_app NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOINHERIT;
--> statement-breakpoint
ALTER ROLE emr_platform NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOINHERIT NOLOGIN;
--> statement-breakpoint
ALTER ROLE emr_identity NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOINHERIT NOLOGIN;
--> statement-breakpoint
ALTER ROLE emr_audit_owner NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOINHERIT NOLOGIN;
--> statement-breakpoint
GRANT emr_platform TO emr_app;
--> statement-breakpoint
GRANT emr_identity TO emr_app;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO emr_owner', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO emr_app', current_database());
  -- No temporary tables for anyone by default: a temp table can shadow a real one in functions whose
  -- search_path does not name pg_temp last (see migration 0003).
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  -- A non-superuser administrator needs membership to SET ROLE emr_owner.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT emr_owner TO %I', current_user);
    EXECUTE format('GRANT emr_audit_owner TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE, CREATE ON SCHEMA public TO emr_owner;
--> statement-breakpoint
GRANT USAGE, CREATE ON SCHEMA public TO emr_audit_owner;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO emr_app, emr_platform, emr_identity;
