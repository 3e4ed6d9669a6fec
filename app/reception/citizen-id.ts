// The citizen ID number (CCCD, "số định danh cá nhân"): 12 digits, e.g. 087190012345.
//   digits 1–3: code of the province where the birth was registered (the 63 pre-2025 provinces; cards
//               keep their number after the 2025 merger);
//   digit 4:    century and sex: 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s,
//               8/9 = 1800s (even = male, odd = female);
//   digits 5–6: the last two digits of the birth year; digits 7–12: a random number.
// Structure per Decree 137/2015/NĐ-CP and Circular 07/2016/TT-BCA as publicly summarised. UNVERIFIED
// here: the list of province codes below is the statistics office's pre-2025 province list padded to
// three digits; it is not in the project's reference catalogs, so check it against Circular 07/2016.
// Client-safe.
import type { Sex } from "~db/schema";

export const CITIZEN_ID_LENGTH = 12;

// prettier-ignore
const BIRTH_PROVINCE_CODES = new Set([
  "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
  "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
  "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
  "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
  "094", "095", "096",
]);

const CENTURY_OF_DIGIT: Record<number, number> = { 0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 1800, 9: 1800 };

export type CitizenIdProblem = "format" | "province" | "birthYear" | "sex";

/** Digits only: "087 190 012 345" → "087190012345". */
export function tidyCitizenId(text: string): string {
  return text.replace(/[\s.-]/g, "");
}

/** What the number itself says: the birth year and, from the century digit, the sex. */
export function readCitizenId(id: string): { birthYear: number; sex: "male" | "female"; provinceCode: string } | null {
  if (!/^\d{12}$/.test(id)) return null;
  const centuryDigit = Number(id[3]);
  return {
    provinceCode: id.slice(0, 3),
    birthYear: CENTURY_OF_DIGIT[centuryDigit]! + Number(id.slice(4, 6)),
    sex: centuryDigit % 2 === 0 ? "male" : "female",
  };
}

/**
 * The first problem with a (tidied) citizen ID given what else the form says, or null when it is
 * consistent. `birthYear` and `sex` are left out of the check when not known yet; sex "other" is not
 * checked (the card's digit records only male or female).
 */
export function citizenIdProblem(id: string, person: { birthYear?: number | null; sex?: Sex | null } = {}): CitizenIdProblem | null {
  const read = readCitizenId(id);
  if (!read) return "format";
  if (!BIRTH_PROVINCE_CODES.has(read.provinceCode)) return "province";
  if (person.birthYear != null && person.birthYear !== read.birthYear) return "birthYear";
  if (person.sex === "male" || person.sex === "female") {
    if (person.sex !== read.sex) return "sex";
  }
  return null;
}
