// Prescriptions as pages and domain functions share them (client-safe: no server imports).

/** Actions this module writes to the audit log; writes are audited by the table trigger. */
export const PRESCRIPTION_AUDIT_ACTIONS = { read: "prescription.read" } as const;

export const DOSE_MAX = 100;
export const TIMES_PER_DAY_MAX = 12;
export const DAYS_MAX = 180;
export const QUANTITY_MAX = 10_000;
export const INSTRUCTIONS_MAX_LENGTH = 500;
export const ADVICE_MAX_LENGTH = 1000;
export const FORMULARY_QUERY_MAX_LENGTH = 60;

/** The fields of the add-a-drug form, in the order it shows them. */
export const PRESCRIPTION_ITEM_FIELDS = ["formularyItemId", "dosePerTake", "timesPerDay", "days", "route", "instructions"] as const;

/**
 * The quantity to dispense: dose per take × takes per day × days, rounded up to whole units of the
 * formulary (half a tablet twice a day for 3 days is 3 tablets). Zero or less is never a quantity.
 */
export function computeQuantity(dosePerTake: number, timesPerDay: number, days: number): number {
  // Rounded to 4 decimals first, so that 0.1 × 3 × 10 (= 3.0000000000000004) is 3, not 4.
  const exact = Math.round(dosePerTake * timesPerDay * days * 10_000) / 10_000;
  return Math.ceil(exact);
}

/** A dose typed with a comma or a point ("0,5", "1.5"), up to 2 decimals; null if not such a number. */
export function parseDose(text: string): number | null {
  const typed = text.trim().replace(",", ".");
  if (!/^-?\d{1,4}(\.\d{1,2})?$/.test(typed)) return null;
  return Number(typed);
}

export function parseWholeNumber(text: string): number | null {
  const typed = text.trim();
  if (!/^-?\d{1,5}$/.test(typed)) return null;
  return Number(typed);
}

/** Lower case without Vietnamese marks (đ → d), for comparing ingredient and allergy names. */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The single ingredients of a combination ("Amoxicillin + Acid clavulanic" → two). */
export function splitIngredients(activeIngredient: string): string[] {
  return activeIngredient
    .split(/[+,;/]| và | and /)
    .map(foldText)
    .filter((part) => part.length > 0);
}

export type PrescriptionWarning =
  | { kind: "allergy"; substance: string; ingredient: string }
  | { kind: "duplicate"; ingredient: string; otherDrug: string; elsewhere: boolean };

export type PrescriptionItemView = {
  id: string;
  formularyItemId: string;
  drugName: string;
  activeIngredient: string;
  strength: string;
  unit: string;
  route: string;
  dosePerTake: string;
  timesPerDay: number;
  days: number;
  quantity: number;
  instructions: string | null;
  version: number;
  warnings: PrescriptionWarning[];
};
