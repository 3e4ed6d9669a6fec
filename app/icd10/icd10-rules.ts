// The Ministry's rules for coding a diagnosis (Decision 4469/QĐ-BYT annex, app/icd10/data/README.md):
// codes that may not be the principal diagnosis, codes for one sex only, codes for an age range, and
// asterisk codes that need their dagger. Each refusal is a locale key with its values, so the message
// is clear in the person's language.
import rulesData from "./data/icd10-rules.json";

type RulesFile = { rules: Record<string, string[]>; asteriskNeedsDagger: Record<string, string[]> };
const data = rulesData as RulesFile;

/**
 * The annex's age ranges (sheets A3.1–A3.10), as completed age. "trên N ngày/tuổi" (over N) is read
 * as "at least N+1 days" and "past the Nth birthday" (unverified reading of the annex's wording).
 */
export const AGE_RULES = {
  age1: { minDays: 0, maxDays: 365 },
  age2: { minDays: 0, maxYears: 2 },
  age3: { minDays: 0, maxYears: 10 },
  age4: { minDays: 0, maxYears: 19 },
  age5: { minDays: 28 },
  age6: { minYears: 1 },
  age7: { minYears: 8, maxYears: 19 },
  age8: { minYears: 9, maxYears: 60 },
  age9: { minYears: 15 },
  age10: { minYears: 30 },
} as const satisfies Record<string, { minDays?: number; maxDays?: number; minYears?: number; maxYears?: number }>;
export type AgeRule = keyof typeof AGE_RULES;

let sets: { byRule: Map<string, Set<string>>; asterisk: Map<string, string[]> } | undefined;
function load() {
  if (sets) return sets;
  const byRule = new Map<string, Set<string>>();
  for (const [rule, codes] of Object.entries(data.rules)) byRule.set(rule, new Set(codes));
  sets = { byRule, asterisk: new Map(Object.entries(data.asteriskNeedsDagger)) };
  return sets;
}

const nodot = (code: string) => code.replace(/[.†*\s]/g, "").toUpperCase();
/** A rule listed for the code itself or its three-character category. */
function listed(rule: string, code: string): boolean {
  const set = load().byRule.get(rule);
  if (!set) return false;
  const key = nodot(code);
  return set.has(key) || set.has(key.slice(0, 3));
}

export type DiagnosisRefusal =
  | { key: "visit:diagnoses.rules.notPrincipal"; code: string }
  | { key: "visit:diagnoses.rules.femaleOnly"; code: string }
  | { key: "visit:diagnoses.rules.maleOnly"; code: string }
  | { key: `visit:diagnoses.rules.${AgeRule}`; code: string }
  | { key: "visit:diagnoses.rules.needsDagger"; code: string; daggers: string }
  | { key: "visit:diagnoses.rules.onePrincipal"; code: string }
  | { key: "visit:diagnoses.rules.duplicate"; code: string };

export type DiagnosisCheck = {
  code: string;
  principal: boolean;
  patient: { sex: "female" | "male" | "other"; birthDate: string };
  /** ISO day of the visit. */
  visitDate: string;
  /** Codes already recorded (valid) on this visit, and whether one of them is principal. */
  existing: { code: string; principal: boolean }[];
};

function ageDays(birthDate: string, day: string): number {
  return Math.floor((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${birthDate}T00:00:00Z`)) / 86_400_000);
}
function ageYears(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function fitsAge(rule: AgeRule, birthDate: string, day: string): boolean {
  const range: { minDays?: number; maxDays?: number; minYears?: number; maxYears?: number } = AGE_RULES[rule];
  const days = ageDays(birthDate, day);
  const years = ageYears(birthDate, day);
  if (range.minDays !== undefined && days < range.minDays) return false;
  if (range.maxDays !== undefined && days > range.maxDays) return false;
  if (range.minYears !== undefined && years < range.minYears) return false;
  if (range.maxYears !== undefined && years > range.maxYears) return false;
  return true;
}

/** Dagger codes an asterisk code pairs with (no dots), or null when the code is not an asterisk code. */
export function daggersOf(code: string): string[] | null {
  return load().asterisk.get(nodot(code)) ?? null;
}

/** With a dot after the third character, as people read codes. */
export const dotted = (key: string) => (key.length > 3 ? `${key.slice(0, 3)}.${key.slice(3)}` : key);

/** The first rule the diagnosis breaks, or null when it may be recorded. */
export function checkDiagnosis(check: DiagnosisCheck): DiagnosisRefusal | null {
  const { code } = check;
  if (check.existing.some((d) => nodot(d.code) === nodot(code))) return { key: "visit:diagnoses.rules.duplicate", code };
  if (check.principal && check.existing.some((d) => d.principal)) return { key: "visit:diagnoses.rules.onePrincipal", code };
  if (check.principal && listed("notPrincipal", code)) return { key: "visit:diagnoses.rules.notPrincipal", code };
  if (check.patient.sex === "male" && listed("femaleOnly", code)) return { key: "visit:diagnoses.rules.femaleOnly", code };
  if (check.patient.sex === "female" && listed("maleOnly", code)) return { key: "visit:diagnoses.rules.maleOnly", code };
  for (const rule of Object.keys(AGE_RULES) as AgeRule[]) {
    if (listed(rule, code) && !fitsAge(rule, check.patient.birthDate, check.visitDate)) return { key: `visit:diagnoses.rules.${rule}`, code };
  }
  const daggers = daggersOf(code);
  if (daggers && !check.existing.some((d) => daggers.includes(nodot(d.code)))) {
    return { key: "visit:diagnoses.rules.needsDagger", code, daggers: daggers.slice(0, 6).map(dotted).join(", ") };
  }
  return null;
}
