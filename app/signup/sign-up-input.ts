// The sign-up form's fields and their checks (messages are keys of the signup namespace).
import { z } from "zod";

export const SIGN_UP_FIELDS = ["hospitalName", "facilityCode", "province", "ward", "adminName", "email", "password"] as const;
export type SignUpField = (typeof SIGN_UP_FIELDS)[number];

export const MIN_PASSWORD_LENGTH = 10;

export const signUpSchema = z.object({
  hospitalName: z.string().trim().min(1, "form.errors.hospitalNameRequired").max(200, "form.errors.tooLong"),
  facilityCode: z
    .string()
    .trim()
    .min(1, "form.errors.facilityCodeRequired")
    .regex(/^\d{5}$/, "form.errors.facilityCodeFormat"),
  province: z.string().trim().min(1, "form.errors.provinceRequired"),
  ward: z.string().trim().min(1, "form.errors.wardRequired"),
  adminName: z.string().trim().min(1, "form.errors.adminNameRequired").max(200, "form.errors.tooLong"),
  email: z.string().trim().min(1, "form.errors.emailRequired").max(254, "form.errors.tooLong").email("form.errors.emailInvalid"),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, "form.errors.passwordTooShort")
    .max(256, "form.errors.tooLong"),
});

export type SignUpInput = z.output<typeof signUpSchema>;
