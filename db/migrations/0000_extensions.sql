-- Extensions and the search normaliser. Runs as emr_owner; pg_trgm and unaccent are trusted extensions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change), so it cannot feed a generated column or an
-- index. This wrapper names the dictionary explicitly and is declared IMMUTABLE, the usual way out.
-- Lower-cases and strips Vietnamese diacritics, đ/Đ included: 'Nguyễn Văn Đức' -> 'nguyen van duc'.
CREATE OR REPLACE FUNCTION emr_search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
