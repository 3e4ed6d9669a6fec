// Formatting for the console's pages (shared by server and browser): dates in Vietnam's time zone
// (dd/MM/yyyy HH:mm, docs/architecture.md §9, app/patients/vietnam-date.ts) and sizes in binary units.
import { formatVietnameseDate, formatVietnameseDateTime, todayInVietnam } from "~/patients/vietnam-date";

export function formatDateTime(iso: string | null): string {
  return iso ? formatVietnameseDateTime(new Date(iso)) : "—";
}

export function formatDate(iso: string | null): string {
  return iso ? formatVietnameseDate(todayInVietnam(new Date(iso))) : "—";
}

/** "12.3 MB": an estimate (decision 057), so one decimal is plenty. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatCount(value: number | null): string {
  return value === null ? "—" : value.toLocaleString("vi-VN");
}
