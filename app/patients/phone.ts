// Vietnamese phone numbers. Mobiles have 10 digits (0 + 9) since the 2018 renumbering; landlines have
// 11 (02x area code + 8 digits, since 2017). Stored as digits only so that search by number is exact.
// Client-safe.

/** The longest phone text a form accepts before normalising ("+84 (0) 912 345 678" and the like). */
export const PHONE_INPUT_MAX_LENGTH = 20;

/** Digits only, with a +84 / 84 country prefix turned into the leading 0; null if not a valid number. */
export function normalizeVietnamesePhone(text: string): string | null {
  let digits = text.replace(/[\s.()-]/g, "");
  if (digits.startsWith("+84")) digits = `0${digits.slice(3).replace(/^0/, "")}`;
  else if (/^84\d{9}$/.test(digits)) digits = `0${digits.slice(2)}`;
  if (digits.startsWith("00")) return null;
  if (/^0\d{9}$/.test(digits) || /^02\d{9}$/.test(digits)) return digits;
  return null;
}

/** "0912345678" → "0912 345 678"; landlines "02433334444" → "024 3333 4444". */
export function formatVietnamesePhone(digits: string): string {
  if (/^0\d{9}$/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (/^02\d{9}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return digits;
}

/** The country code people type in front of a Vietnamese number: +84 912 345 678, 84912345678. */
const COUNTRY_CODE = "84";

/**
 * The stored-phone prefixes a typed number may mean, so that "+84 912 345", "84912345" and "0912 345"
 * find the same patients. Without a "+", a number starting 84 may also be the start of a record number
 * or of a number stored as typed, so it is searched both ways.
 */
export function phoneSearchPrefixes(text: string): string[] {
  const international = text.trim().startsWith("+");
  const digits = text.replace(/\D/g, "");
  if (!digits.startsWith(COUNTRY_CODE)) return international ? [] : [digits];
  const national = digits.slice(COUNTRY_CODE.length).replace(/^0/, "");
  const domestic = national === "" ? [] : [`0${national}`];
  return international ? domestic : [digits, ...domestic];
}
