// The QR code of the chip citizen ID card, as a handheld scanner types it into the focused box:
//   CCCD|old ID|full name|DDMMYYYY birth|sex|address|DDMMYYYY issue date
// e.g. "087190012345|341234567|Nguyễn Văn An|05031990|Nam|Ấp 3, Xã Tân Công Sính, Huyện Tam Nông,
// Đồng Tháp|10082021". The old 9-digit ID is often empty ("||"); some cards append more fields, which
// are ignored. Client-safe: the page detects a scan as it is typed, the server when a form is sent
// without JavaScript.
import type { Sex } from "~db/schema";

export type IdCardScan = {
  citizenId: string;
  oldId: string | null;
  fullName: string;
  /** ISO yyyy-mm-dd, or yyyy-01-01 with precision "year" when the card gives only the year. */
  birthDate: string | null;
  birthDatePrecision: "day" | "year";
  sex: Sex | null;
  address: string;
  /** ISO, or null when missing or unreadable. */
  issueDate: string | null;
};

/** Quick test for "this looks like a scan" (12 digits, a bar, ..., a bar), before parsing. */
const SCAN_SHAPE = /^\s*\d{12}\|[^|]*\|[^|]+\|\d{4}(\d{4})?\|/;

export function looksLikeIdCardScan(text: string): boolean {
  return SCAN_SHAPE.test(text);
}

/** The whole scan has arrived: all seven fields, ending in the 8-digit issue date. */
const COMPLETE_SCAN = /^\s*\d{12}\|[^|]*\|[^|]+\|\d{4}(\d{4})?\|[^|]*\|[^|]*\|\d{8}\s*$/;

export function looksCompleteIdCardScan(text: string): boolean {
  return COMPLETE_SCAN.test(text);
}

function isoFromDdmmyyyy(text: string): string | null {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[3]}-${match[2]}-${match[1]}`;
}

function sexFromCard(text: string): Sex | null {
  const folded = text.normalize("NFC").trim().toLowerCase();
  if (folded === "nam" || folded === "male") return "male";
  if (folded === "nữ" || folded === "nu" || folded === "female") return "female";
  return null;
}

/** The scan's fields, or null when the text is not a scan of an ID card's QR code. */
export function parseIdCardScan(text: string): IdCardScan | null {
  const tidy = text.normalize("NFC").replace(/[\r\n\t]+/g, " ").trim();
  if (!looksLikeIdCardScan(tidy)) return null;
  const fields = tidy.split("|").map((field) => field.trim());
  if (fields.length < 6) return null;
  const [citizenId, oldId, fullName, birth, sex, address, issued] = fields as [string, string, string, string, string, string, string?];
  let birthDate: string | null = null;
  let birthDatePrecision: "day" | "year" = "day";
  if (/^\d{4}$/.test(birth)) {
    birthDate = `${birth}-01-01`;
    birthDatePrecision = "year";
  } else {
    birthDate = isoFromDdmmyyyy(birth);
  }
  return {
    citizenId,
    oldId: oldId === "" ? null : oldId,
    fullName: fullName.replace(/\s+/g, " "),
    birthDate,
    birthDatePrecision,
    sex: sexFromCard(sex),
    address: address.replace(/\s+/g, " "),
    issueDate: issued ? isoFromDdmmyyyy(issued) : null,
  };
}
