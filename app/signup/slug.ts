// A hospital's slug from its name: Vietnamese without diacritics, lower-case, words joined by dashes
// ("Bệnh viện Đa khoa Tam Nông" -> "benh-vien-da-khoa-tam-nong"). Uniqueness is the caller's (-2, -3...).
export const SLUG_BASE_MAX = 60;

export function slugFromName(name: string): string {
  const plain = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = plain.slice(0, SLUG_BASE_MAX).replace(/-+$/g, "");
  return cut || "benh-vien";
}

/** The first of base, base-2, base-3... not in `taken`. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
