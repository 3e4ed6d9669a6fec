-- The clinical tables of a visit (helper v, issue 8) are tenant tables: forced row-level security, the
-- application's grants (never DELETE), the audit and updated_at triggers (protect_tenant_table, decision 019).
SELECT protect_tenant_table('vitals');
--> statement-breakpoint
SELECT protect_tenant_table('visit_notes');
--> statement-breakpoint
SELECT protect_tenant_table('note_addenda');
--> statement-breakpoint
SELECT protect_tenant_table('diagnoses');
--> statement-breakpoint
SELECT protect_tenant_table('allergies');
--> statement-breakpoint
SELECT protect_tenant_table('problems');
--> statement-breakpoint
SELECT protect_tenant_table('signatures');
--> statement-breakpoint

-- A signed note is never edited, only amended by an addendum; a signature is never changed. The
-- application checks first and says so kindly; the database makes it true whatever the code does
-- (decision 045).
CREATE OR REPLACE FUNCTION refuse_signed_note_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'a signed note cannot be changed (add an addendum)' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION refuse_signed_note_change() FROM PUBLIC;
--> statement-breakpoint
DROP TRIGGER IF EXISTS visit_notes_refuse_signed ON visit_notes;
--> statement-breakpoint
CREATE TRIGGER visit_notes_refuse_signed BEFORE UPDATE ON visit_notes FOR EACH ROW EXECUTE FUNCTION refuse_signed_note_change();
--> statement-breakpoint

CREATE OR REPLACE FUNCTION refuse_signature_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION 'a signature cannot be changed' USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION refuse_signature_change() FROM PUBLIC;
--> statement-breakpoint
DROP TRIGGER IF EXISTS signatures_refuse_change ON signatures;
--> statement-breakpoint
CREATE TRIGGER signatures_refuse_change BEFORE UPDATE ON signatures FOR EACH ROW EXECUTE FUNCTION refuse_signature_change();

