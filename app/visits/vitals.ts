// Vital signs: what is plausible (outside: a typing slip, refused) and what is normal (outside but
// plausible: recorded and flagged). Client-safe, so the page flags as the server does. Ranges are for
// adults; children's normal ranges by age are not modelled yet (a flag may be shown for a healthy child).
import { z } from "zod";

export const VITAL_FIELDS = ["pulse", "systolic", "diastolic", "temperature", "respiratoryRate", "spo2", "weightKg", "heightCm"] as const;
export type VitalField = (typeof VITAL_FIELDS)[number];

type Range = { min: number; max: number };
export type VitalSpec = { plausible: Range; normal?: Range; decimals: 0 | 1; unit: string };

export const VITAL_SPECS: Record<VitalField, VitalSpec> = {
  pulse: { plausible: { min: 20, max: 250 }, normal: { min: 60, max: 100 }, decimals: 0, unit: "/min" },
  systolic: { plausible: { min: 50, max: 260 }, normal: { min: 90, max: 139 }, decimals: 0, unit: "mmHg" },
  diastolic: { plausible: { min: 20, max: 160 }, normal: { min: 60, max: 89 }, decimals: 0, unit: "mmHg" },
  temperature: { plausible: { min: 30, max: 43 }, normal: { min: 36, max: 37.5 }, decimals: 1, unit: "°C" },
  respiratoryRate: { plausible: { min: 4, max: 80 }, normal: { min: 12, max: 20 }, decimals: 0, unit: "/min" },
  spo2: { plausible: { min: 50, max: 100 }, normal: { min: 95, max: 100 }, decimals: 0, unit: "%" },
  weightKg: { plausible: { min: 0.3, max: 350 }, decimals: 1, unit: "kg" },
  heightCm: { plausible: { min: 20, max: 250 }, decimals: 1, unit: "cm" },
};

/** BMI normal range for Asian adults (WHO Western Pacific): 18.5–22.9. */
export const BMI_NORMAL: Range = { min: 18.5, max: 22.9 };

export type VitalValues = Record<VitalField, number | null>;
export type VitalFlag = "low" | "high" | null;

export function flagOf(value: number | null, normal: Range | undefined): VitalFlag {
  if (value === null || !normal) return null;
  if (value < normal.min) return "low";
  if (value > normal.max) return "high";
  return null;
}

/** kg / m², one decimal; null without both. */
export function bmiOf(weightKg: number | null, heightCm: number | null): number | null {
  if (!weightKg || !heightCm) return null;
  const metres = heightCm / 100;
  return Math.round((weightKg / (metres * metres)) * 10) / 10;
}

export function flagsOf(values: VitalValues): Record<VitalField | "bmi", VitalFlag> {
  const flags = {} as Record<VitalField | "bmi", VitalFlag>;
  for (const field of VITAL_FIELDS) flags[field] = flagOf(values[field], VITAL_SPECS[field].normal);
  flags.bmi = flagOf(bmiOf(values.weightKg, values.heightCm), BMI_NORMAL);
  return flags;
}

/** "36,8" and "36.8" are the same temperature; empty is "not measured". */
function vital(field: VitalField) {
  const spec = VITAL_SPECS[field];
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      if (text === "") return null;
      const normalized = text.replace(",", ".");
      const pattern = spec.decimals === 0 ? /^\d{1,4}$/ : /^\d{1,4}(\.\d)?$/;
      const value = Number(normalized);
      if (!pattern.test(normalized) || !Number.isFinite(value) || value < spec.plausible.min || value > spec.plausible.max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `vitals.errors.${field}` });
        return z.NEVER;
      }
      return value;
    });
}

export const vitalsSchema = z
  .object(Object.fromEntries(VITAL_FIELDS.map((f) => [f, vital(f)])) as Record<VitalField, ReturnType<typeof vital>>)
  .superRefine((values, ctx) => {
    if (VITAL_FIELDS.every((f) => values[f] === null)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["pulse"], message: "vitals.errors.empty" });
    }
    if (values.systolic !== null && values.diastolic !== null && values.diastolic >= values.systolic) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["diastolic"], message: "vitals.errors.diastolicAboveSystolic" });
    }
  });
