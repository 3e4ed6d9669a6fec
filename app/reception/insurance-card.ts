// The health-insurance card (thẻ BHYT) number as reception records it: 15 characters,
//   1–2   group (mã đối tượng), two capital letters, e.g. TE (children under 6), HT (pensioners);
//   3     benefit level (mức hưởng / mã quyền lợi), 1–5;
//   4–5   province code of the issuing social-insurance office (97 = Ministry of Defence, 98 = Public
//         Security per common practice: UNVERIFIED);
//   6–15  the 10-digit social-insurance number (mã số BHXH), lifelong.
// Sources: Decision 1351/QĐ-BHXH (2015) as summarised publicly, and the insurance gateway's error codes
// 052 (province, characters 4–5) and 053 (benefit level, character 3). Cards printed since 1 April 2021
// (Decision 1666/QĐ-BHXH) show only the 10-digit number; claims still carry the 15-character form.
// NOT used here because the catalog marks it UNVERIFIED: the table of which group codes go with which
// benefit level (and its 2026 changes for CN and LH). So a group/level mismatch is not refused.
// Also not checked: the province code against a list (BHXH office codes are not in the catalogs).
// The registered primary-care facility (nơi đăng ký KCB ban đầu) is a 5-digit code: 2-digit province +
// 3-digit facility. Client-safe.

export const INSURANCE_NUMBER_LENGTH = 15;
export const INSURANCE_NUMBER_PATTERN = /^[A-Z]{2}[1-5][0-9]{2}[0-9]{10}$/;
export const INSURANCE_FACILITY_PATTERN = /^[0-9]{5}$/;

/** Benefit levels and the share the fund pays (Decision 1351/QĐ-BHXH; Law on Health Insurance art. 22). */
export const BENEFIT_LEVELS = { 1: 100, 2: 100, 3: 95, 4: 80, 5: 100 } as const;

export type InsuranceNumberProblem = "format" | "benefitLevel";

/** Upper case, no spaces or dashes: "te1 35 0100000178" → "TE1350100000178". */
export function tidyInsuranceNumber(text: string): string {
  return text.replace(/[\s.-]/g, "").toUpperCase();
}

export function insuranceNumberProblem(number: string): InsuranceNumberProblem | null {
  if (INSURANCE_NUMBER_PATTERN.test(number)) return null;
  // Right shape except the benefit digit: the gateway's error 053, worth its own message.
  if (/^[A-Z]{2}[0-9][0-9]{2}[0-9]{10}$/.test(number)) return "benefitLevel";
  return "format";
}

/** The parts of a valid card number. */
export function readInsuranceNumber(number: string): { group: string; benefitLevel: number; province: string; socialInsuranceNumber: string } | null {
  if (!INSURANCE_NUMBER_PATTERN.test(number)) return null;
  return { group: number.slice(0, 2), benefitLevel: Number(number[2]), province: number.slice(3, 5), socialInsuranceNumber: number.slice(5) };
}

/** Whether a card valid from..to (ISO, either may be null) covers the day (ISO). */
export function insuranceValidOn(card: { validFrom: string | null; validTo: string | null }, day: string): boolean {
  if (card.validFrom && day < card.validFrom) return false;
  if (card.validTo && day > card.validTo) return false;
  return true;
}
