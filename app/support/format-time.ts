// Times on the support and audit pages: dd/MM/yyyy HH:mm in Vietnam (docs/architecture.md §9), computed by
// the loader (its answer is JSON) so that the server and the browser show the same text.
import { formatVietnameseDateTime } from "~/patients/vietnam-date";

export function formatVietnamTime(at: Date | string): string {
  return formatVietnameseDateTime(typeof at === "string" ? new Date(at) : at);
}

/** HH:mm dd/MM in Vietnam: the banner's "until". */
export function formatVietnamShort(at: Date | string): string {
  const date = typeof at === "string" ? new Date(at) : at;
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", hour12: false })
    .format(date)
    .replace(",", "");
}
