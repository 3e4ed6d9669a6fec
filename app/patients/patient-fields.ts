// The fields of the patient form and the shapes the form travels in. Client-safe: the page components
// import this, while validation (patient-input.ts, with zod) stays on the server.
import { PATIENT_DETAIL_KEYS } from "./patient";

/** Identity, then what reception records (issue 8): IDs, insurance card, lists, address, guardian. */
export const PATIENT_FIELDS = ["fullName", "birthDate", "sex", "phone", ...PATIENT_DETAIL_KEYS] as const;
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
  citizenIdFormat: "validation.citizenId.format",
  citizenIdProvince: "validation.citizenId.province",
  citizenIdBirthYear: "validation.citizenId.birthYear",
  citizenIdSex: "validation.citizenId.sex",
  insuranceNumberFormat: "validation.insuranceNumber.format",
  insuranceNumberBenefitLevel: "validation.insuranceNumber.benefitLevel",
  insuranceDateFormat: "validation.insuranceDate.format",
  insuranceDatesRequired: "validation.insuranceDate.required",
  insuranceDatesOrder: "validation.insuranceDate.order",
  insuranceFacilityFormat: "validation.insuranceFacility.format",
  ethnicityUnknown: "validation.choice.unknown",
  occupationUnknown: "validation.choice.unknown",
  provinceUnknown: "validation.choice.unknown",
  communeNotInProvince: "validation.commune.notInProvince",
  streetTooLong: "validation.street.tooLong",
  guardianRequired: "validation.guardian.required",
  guardianNameTooLong: "validation.guardian.nameTooLong",
  guardianRelationTooLong: "validation.guardian.relationTooLong",
} as const;
export type PatientMessageKey = (typeof PATIENT_MESSAGES)[keyof typeof PATIENT_MESSAGES];

export type PatientFieldErrors = Partial<Record<PatientField, PatientMessageKey>>;

/** An empty registration form. */
export const EMPTY_PATIENT_FORM: PatientFormValues = Object.fromEntries(PATIENT_FIELDS.map((field) => [field, ""])) as PatientFormValues;

/** Children younger than this need a guardian on their record (decision 035). */
export const GUARDIAN_REQUIRED_UNDER_YEARS = 6;

export type { Sex } from "~db/schema";
