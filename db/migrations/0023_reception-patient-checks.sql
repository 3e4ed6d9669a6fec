-- Reception: what drizzle cannot say about the new patient columns (decision 035).
-- A year-only birth date is stored as 1 January of that year (decision 035).
ALTER TABLE "patients" ADD CONSTRAINT "patients_birth_date_precision_check"
  CHECK (birth_date_precision IN ('day', 'year')
    AND (birth_date_precision = 'day' OR (extract(month from birth_date) = 1 AND extract(day from birth_date) = 1)));
--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_citizen_id_format_check" CHECK (citizen_id ~ '^[0-9]{12}$');
--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_insurance_number_format_check" CHECK (insurance_number ~ '^[A-Z]{2}[1-5][0-9]{12}$');

