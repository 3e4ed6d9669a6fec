// A hospital's slug names it in addresses (/h/<slug>/...): lower-case letters, digits and dashes.
// Anything else cannot name a hospital, so the door answers 404 without asking the database.
const SLUG = "[a-z0-9-]{1,100}";

export const HOSPITAL_SLUG = new RegExp(`^${SLUG}$`);
const HOSPITAL_PATH = new RegExp(`^/h/(${SLUG})(?:/|$)`);

/** The slug of a hospital page's path (`/h/<slug>/...`), or null. */
export function hospitalSlugOfPath(pathname: string): string | null {
  return HOSPITAL_PATH.exec(pathname)?.[1] ?? null;
}
