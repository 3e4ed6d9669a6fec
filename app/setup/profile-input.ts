// Step 1's form: kind of facility, beds, phone, address (messages are keys of the setup namespace).
import { z } from "zod";

/** As HOSPITAL_KINDS in db/schema/setup.ts (kept apart: this file reaches the browser). */
export const HOSPITAL_KINDS = ["district_general", "polyclinic", "commune_station"] as const;

export const PROFILE_FIELDS = ["kind", "bedCount", "phone", "address"] as const;

export const profileSchema = z.object({
  kind: z.enum(HOSPITAL_KINDS, { message: "profile.errors.kindRequired" }),
  bedCount: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, "profile.errors.bedsFormat")
    .transform(Number)
    .refine((n) => n <= 5000, "profile.errors.bedsFormat"),
  phone: z
    .string()
    .trim()
    .refine((v) => v === "" || /^\+?[\d\s.-]{8,20}$/.test(v) && v.replace(/\D/g, "").length >= 8 && v.replace(/\D/g, "").length <= 15, "profile.errors.phoneFormat")
    .transform((v) => v || null),
  address: z.string().trim().max(300, "profile.errors.tooLong").transform((v) => v || null),
});
