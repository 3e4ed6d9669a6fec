// Dates as Vietnamese staff read and type them (docs/architecture.md §9): dd/MM/yyyy, 24-hour times, and "today"
// in Vietnam's time zone whatever the server's clock zone is. Client-safe.
// (General enough to move to app/lib/ once a second feature needs it.)

export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

// Made once: building an Intl formatter costs far more than formatting with it (it loads locale and
// time-zone data), and these run for every page and every row.
/** en-CA formats as yyyy-mm-dd. */
const isoDayInVietnam = new Intl.DateTimeFormat("en-CA", { timeZone: VIETNAM_TIME_ZONE });
const dateTimeInVietnam = new Intl.DateTimeFormat("en-GB", {
  timeZone: VIETNAM_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** Today in Vietnam as ISO yyyy-mm-dd. */
export function todayInVietnam(now: Date = new Date()): string {
  return isoDayInVietnam.format(now);
}

/**
 * Reads a date typed as dd/MM/yyyy. Also accepts one-digit day or month and "." or "-" between parts,
 * as people type them ("5/3/1980", "05.03.1980"). Returns ISO yyyy-mm-dd, or null if it is not a real
 * calendar date (31/02/2000 is rejected).
 */
export function parseVietnameseDate(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[3]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "1980-03-05" → "05/03/1980". */
export function formatVietnameseDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split("-");
  return `${day}/${month}/${year}`;
}

/** A moment as "dd/MM/yyyy HH:mm" in Vietnam. */
export function formatVietnameseDateTime(moment: Date): string {
  const parts = Object.fromEntries(dateTimeInVietnam.formatToParts(moment).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Completed years and months between a birth date and a day (both ISO). */
export function ageOn(birthDate: string, day: string): { years: number; months: number } {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  months = Math.max(0, months);
  return { years: Math.floor(months / 12), months };
}

/** How much of a birth date is known (decision 035). Same values as the database column. */
export type DatePrecision = "day" | "year";

export type BirthDateReading = { ok: true; iso: string; precision: DatePrecision } | { ok: false; problem: "format" | "notReal" };

/**
 * A birth date as reception types it: "05/03/1980", "5/3/1980", "05.03.1980", eight digits "05031980"
 * (ddMMyyyy, as on the ID card), or the year alone "1980" for patients who know only that. A year alone
 * is stored as 1 January with precision "year".
 */
export function parseBirthDateInput(text: string): BirthDateReading {
  const typed = text.trim();
  if (/^\d{4}$/.test(typed)) return { ok: true, iso: `${typed}-01-01`, precision: "year" };
  const eight = /^(\d{2})(\d{2})(\d{4})$/.exec(typed);
  const dated = eight ? `${eight[1]}/${eight[2]}/${eight[3]}` : typed;
  if (!/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(dated)) return { ok: false, problem: "format" };
  const iso = parseVietnameseDate(dated);
  return iso ? { ok: true, iso, precision: "day" } : { ok: false, problem: "notReal" };
}

/** "05/03/1980", or "1980" when only the year is known. */
export function formatBirthDate(iso: string, precision: DatePrecision = "day"): string {
  return precision === "year" ? iso.slice(0, 4) : formatVietnameseDate(iso);
}
