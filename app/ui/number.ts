// Measurements as people read them in their language: "37,5" in Vietnamese, "37.5" in English. Client-safe;
// the server and the browser format alike because both render in the page's language.
const formats = new Map<string, Intl.NumberFormat>();

export function formatMeasure(value: number | null | undefined, language: string, empty = "—"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return empty;
  const locale = language === "vi" ? "vi-VN" : "en-GB";
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false })));
  return format.format(value);
}
