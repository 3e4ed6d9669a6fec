-- The per-word search table (decision 014): forced row-level security like every tenant table, read-only
-- for the application, kept in step with patients by a trigger. Runs as emr_owner.
ALTER TABLE patient_search_words FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The application reads the words; only the trigger below (as emr_owner) writes them, so no role can
-- make a patient findable under a name that is not theirs.
GRANT SELECT ON patient_search_words TO emr_app;
--> statement-breakpoint
-- The words of a patient's search_name, replaced whenever the name changes. SECURITY DEFINER so that the
-- application needs no write (or DELETE) grant here; still bound by the forced policy, so it only ever
-- writes the transaction's own tenant. No audit trigger on this table: each row is derived from a
-- patients write that its own trigger already audits (0002_security.sql).
CREATE FUNCTION patient_search_words_sync() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      IF NEW.search_name IS NOT DISTINCT FROM OLD.search_name THEN
        RETURN NULL;
      END IF;
      DELETE FROM public.patient_search_words WHERE tenant_id = NEW.tenant_id AND patient_id = NEW.id;
    END IF;
    INSERT INTO public.patient_search_words (tenant_id, patient_id, word, search_name)
      SELECT DISTINCT NEW.tenant_id, NEW.id, w, NEW.search_name
      FROM regexp_split_to_table(NEW.search_name, '\s+') AS w
      WHERE w <> '';
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER patients_search_words AFTER INSERT OR UPDATE OF full_name ON patients
  FOR EACH ROW EXECUTE FUNCTION patient_search_words_sync();
--> statement-breakpoint
-- Existing patients get their words. The owner is bound by forced RLS and no tenant is set during a
-- migration, so FORCE is lifted for this one statement, inside the migration's transaction.
ALTER TABLE patients NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE patient_search_words NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
INSERT INTO patient_search_words (tenant_id, patient_id, word, search_name)
  SELECT DISTINCT p.tenant_id, p.id, w, p.search_name
  FROM patients p, regexp_split_to_table(p.search_name, '\s+') AS w
  WHERE w <> ''
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
ALTER TABLE patients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE patient_search_words FORCE ROW LEVEL SECURITY;
