// Does a drug match a recorded allergy? The allergy list belongs to the chart (table `allergies`,
// app/chart/); this module reads it only through activeAllergySubstances().
import { and, eq } from "drizzle-orm";
import { allergies } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { foldText, splitIngredients, type PrescriptionWarning } from "./prescription";

/** The substances this patient is recorded as allergic to (active entries only), as typed. */
export async function activeAllergySubstances(t: TenantTx, patientId: string): Promise<string[]> {
  const rows = await t.db
    .select({ substance: allergies.substance })
    .from(allergies)
    .where(and(eq(allergies.tenantId, t.tenantId), eq(allergies.patientId, patientId), eq(allergies.status, "active")));
  return rows.map((r) => r.substance);
}

/**
 * Drug classes an allergy is often recorded by, and the ingredients in them (folded, no marks). A short
 * list for the common outpatient cases; not a drug-interaction database.
 */
const CLASSES: Record<string, readonly string[]> = {
  penicillin: ["penicillin", "amoxicillin", "ampicillin", "cloxacillin", "oxacillin", "piperacillin", "benzylpenicillin", "phenoxymethylpenicillin"],
  cephalosporin: ["cefalexin", "cephalexin", "cefuroxim", "cefuroxime", "cefixim", "cefixime", "ceftriaxon", "ceftriaxone", "cefadroxil", "cefaclor", "cefpodoxim"],
  sulfa: ["sulfamethoxazol", "sulfamethoxazole", "cotrimoxazol", "sulfadiazin"],
  nsaid: ["ibuprofen", "diclofenac", "meloxicam", "naproxen", "aspirin", "acid acetylsalicylic", "piroxicam", "ketoprofen"],
};
const CLASS_ALIASES: Record<string, string> = {
  "khang sinh nhom penicillin": "penicillin",
  "nhom penicillin": "penicillin",
  "beta-lactam": "penicillin",
  "cephalosporin": "cephalosporin",
  "sulfamid": "sulfa",
  "sulfonamide": "sulfa",
  "khang viem khong steroid": "nsaid",
  "nsaids": "nsaid",
};

/** The ingredients an allergy entry covers: itself, or every member of the class it names. */
function coveredIngredients(substance: string): string[] {
  const folded = foldText(substance);
  const cls = CLASSES[folded] ? folded : CLASS_ALIASES[folded];
  return cls ? [...CLASSES[cls]!, folded] : [folded];
}

/** Warnings for a drug against the patient's allergies: one per (allergy, matching ingredient). */
export function allergyWarnings(activeIngredient: string, substances: readonly string[]): PrescriptionWarning[] {
  const ingredients = splitIngredients(activeIngredient);
  const warnings: PrescriptionWarning[] = [];
  for (const substance of substances) {
    const covered = coveredIngredients(substance);
    const hit = ingredients.find((ingredient) => covered.some((c) => c.length >= 3 && (ingredient.includes(c) || c.includes(ingredient))));
    if (hit) warnings.push({ kind: "allergy", substance, ingredient: hit });
  }
  return warnings;
}
