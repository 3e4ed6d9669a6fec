// The fields of the patient form and the shapes the form travels in. Client-safe: the page components
// import this, while validation (patient-input.ts, with zod) stays on the server.

export const PATIENT_FIELDS = ["fullName", "birthDate", "sex", "phone"] as const;
export type PatientField = (typeof PATIENT_FIELDS)[number];

/** The form as typed: what a failed submit gives back so nothing the person typed is lost. */
export type PatientFormValues = Record<PatientField, string>;

/** Keys in app/locales/{vi,en}/patients.json; a test checks that each exists in both. */
export const PATIENT_MESSAGES = {
  fullNameRequired: "validation.fullName.required",
  fullNameTooShort: "validation.fullName.tooShort",
  fullNameTooLong: "validation.fullName.tooLong",
  fullNameCharacters: "validation.fullName.characters",
  birthDateRequired: "validation.birthDate.required",
  birthDateFormat: "validation.birthDate.format",
  birthDateNotReal: "validation.birthDate.notReal",
  birthDateFuture: "validation.birthDate.future",
  birthDateTooOld: "validation.birthDate.tooOld",
  sexRequired: "validation.sex.required",
  phoneFormat: "validation.phone.format",
  phoneTooLong: "validation.phone.tooLong",
} as const;
export type PatientMessageKey = (typeof PATIENT_MESSAGES)[keyof typeof PATIENT_MESSAGES];

export type PatientFieldErrors = Partial<Record<PatientField, PatientMessageKey>>;

/** An empty registration form. */
export const EMPTY_PATIENT_FORM: PatientFormValues = { fullName: "", birthDate: "", sex: "", phone: "" };

export type { Sex } from "~db/schema";
