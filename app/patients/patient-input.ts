// What a registration or edit form may contain, checked on the server (docs/architecture.md §4). Messages are keys
// of the "patients" locale namespace, so the page shows them in the person's language.
import { z } from "zod";
import { SEXES, type Sex } from "~db/schema";
import { type ParsedForm, parseForm } from "~/lib/form.server";
import { citizenIdProblem, type CitizenIdProblem, tidyCitizenId } from "~/reception/citizen-id";
import { INSURANCE_FACILITY_PATTERN, insuranceNumberProblem, tidyInsuranceNumber } from "~/reception/insurance-card";
import { findCommune } from "~/reference/admin-units.server";
import { ETHNIC_CODES, OCCUPATION_CODES, PROVINCE_CODES } from "~/reference/national-lists";
import { PATIENT_DETAIL_KEYS, type Patient, type PatientDetails } from "./patient";
import {
  EMPTY_PATIENT_FORM,
  GUARDIAN_REQUIRED_UNDER_YEARS,
  PATIENT_MESSAGES,
  type PatientFieldErrors,
  type PatientFormValues,
  type PatientMessageKey,
} from "./patient-fields";
import { formatVietnamesePhone, normalizeVietnamesePhone, PHONE_INPUT_MAX_LENGTH } from "./phone";
import {
  ageOn,
  type DatePrecision,
  formatBirthDate,
  formatVietnameseDate,
  parseBirthDateInput,
  parseVietnameseDate,
  todayInVietnam,
} from "./vietnam-date";

/** The choices of the sex field, in the order the form shows them. */
export const PATIENT_SEXES: readonly Sex[] = SEXES;

/** A validated patient: name tidied, birth date ISO, phone digits only, reception's details checked. */
export type PatientInput = {
  fullName: string;
  birthDate: string;
  /** "day" when absent. */
  birthDatePrecision?: DatePrecision;
  sex: Sex;
  phone: string | null;
  /** Reception's details; absent ones are left empty (or unchanged by an edit). */
  details?: Partial<PatientDetails>;
};

type PatientShape = ReturnType<typeof patientInputSchema>["shape"];
type ParsedFields = ParsedForm<PatientShape, PatientMessageKey>;
export type PatientInputResult =
  | { ok: true; data: PatientInput; values: PatientFormValues }
  | (Extract<ParsedFields, { ok: false }> & { data?: undefined });

export const FULL_NAME_MIN_LENGTH = 2;
export const FULL_NAME_MAX_LENGTH = 120;
/** Older birth dates are typing mistakes, not patients. */
export const EARLIEST_BIRTH_DATE = "1900-01-01";
const BIRTH_DATE_INPUT_MAX_LENGTH = 10;
const STREET_MAX_LENGTH = 200;
const GUARDIAN_NAME_MAX_LENGTH = 120;
const GUARDIAN_RELATION_MAX_LENGTH = 40;

// Letters with their Vietnamese marks, spaces, and the punctuation real names carry (H'Hen Niê,
// Ka-Sô). Digits are allowed on purpose: an unidentified emergency patient is registered as
// "Chưa rõ tên 02" until someone knows who they are.
const NAME_CHARACTERS = /^[\p{L}\p{M}\d '’.-]+$/u;
const HAS_LETTER = /\p{L}/u;

/**
 * Unicode NFC (some Vietnamese keyboards send decomposed marks, which would defeat search), trimmed,
 * runs of spaces collapsed.
 */
export function tidyFullName(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ");
}

function fail(ctx: z.RefinementCtx, message: PatientMessageKey) {
  ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  return z.NEVER;
}

/** A field that may be left empty (null), otherwise checked by `check` on the trimmed text. */
function optional<T>(check: (text: string, ctx: z.RefinementCtx) => T) {
  return z.string().transform((text, ctx): T | null => {
    const typed = text.trim();
    return typed.length === 0 ? null : check(typed, ctx);
  });
}

function optionalPhone() {
  return optional((typed, ctx) => {
    if (typed.length > PHONE_INPUT_MAX_LENGTH) return fail(ctx, PATIENT_MESSAGES.phoneTooLong);
    return normalizeVietnamesePhone(typed) ?? fail(ctx, PATIENT_MESSAGES.phoneFormat);
  });
}

function patientInputSchema(today: string) {
  return z.object({
    fullName: z.string().transform((text, ctx) => {
      const name = tidyFullName(text);
      if (name.length === 0) return fail(ctx, PATIENT_MESSAGES.fullNameRequired);
      if (name.length < FULL_NAME_MIN_LENGTH) return fail(ctx, PATIENT_MESSAGES.fullNameTooShort);
      if (name.length > FULL_NAME_MAX_LENGTH) return fail(ctx, PATIENT_MESSAGES.fullNameTooLong);
      if (!NAME_CHARACTERS.test(name) || !HAS_LETTER.test(name)) return fail(ctx, PATIENT_MESSAGES.fullNameCharacters);
      return name;
    }),
    birthDate: z.string().transform((text, ctx) => {
      const typed = text.trim();
      if (typed.length === 0) return fail(ctx, PATIENT_MESSAGES.birthDateRequired);
      if (typed.length > BIRTH_DATE_INPUT_MAX_LENGTH) return fail(ctx, PATIENT_MESSAGES.birthDateFormat);
      const reading = parseBirthDateInput(typed);
      if (!reading.ok) return fail(ctx, reading.problem === "format" ? PATIENT_MESSAGES.birthDateFormat : PATIENT_MESSAGES.birthDateNotReal);
      if (reading.iso > today) return fail(ctx, PATIENT_MESSAGES.birthDateFuture);
      if (reading.iso < EARLIEST_BIRTH_DATE) return fail(ctx, PATIENT_MESSAGES.birthDateTooOld);
      return reading;
    }),
    sex: z.string().transform((text, ctx) => {
      const sex = SEXES.find((s) => s === text.trim());
      return sex ?? fail(ctx, PATIENT_MESSAGES.sexRequired);
    }),
    phone: optionalPhone(),
    citizenId: optional((text, ctx) => {
      const id = tidyCitizenId(text);
      // The birth year and sex are compared once the other fields are read (checkAcrossFields).
      return citizenIdProblem(id) ? fail(ctx, citizenIdMessage(citizenIdProblem(id)!)) : id;
    }),
    insuranceNumber: optional((text, ctx) => {
      const number = tidyInsuranceNumber(text);
      const problem = insuranceNumberProblem(number);
      if (problem === "benefitLevel") return fail(ctx, PATIENT_MESSAGES.insuranceNumberBenefitLevel);
      return problem ? fail(ctx, PATIENT_MESSAGES.insuranceNumberFormat) : number;
    }),
    insuranceValidFrom: optional((text, ctx) => parseVietnameseDate(eightDigitsAsDate(text)) ?? fail(ctx, PATIENT_MESSAGES.insuranceDateFormat)),
    insuranceValidTo: optional((text, ctx) => parseVietnameseDate(eightDigitsAsDate(text)) ?? fail(ctx, PATIENT_MESSAGES.insuranceDateFormat)),
    insuranceFacility: optional((text, ctx) => (INSURANCE_FACILITY_PATTERN.test(text) ? text : fail(ctx, PATIENT_MESSAGES.insuranceFacilityFormat))),
    ethnicityCode: optional((text, ctx) => (ETHNIC_CODES.has(text) ? text : fail(ctx, PATIENT_MESSAGES.ethnicityUnknown))),
    occupationCode: optional((text, ctx) => (OCCUPATION_CODES.has(text) ? text : fail(ctx, PATIENT_MESSAGES.occupationUnknown))),
    provinceCode: optional((text, ctx) => (PROVINCE_CODES.has(text) ? text : fail(ctx, PATIENT_MESSAGES.provinceUnknown))),
    communeCode: optional((text) => text),
    street: optional((text, ctx) => {
      const street = text.normalize("NFC").replace(/\s+/g, " ");
      return street.length > STREET_MAX_LENGTH ? fail(ctx, PATIENT_MESSAGES.streetTooLong) : street;
    }),
    guardianName: optional((text, ctx) => {
      const name = tidyFullName(text);
      return name.length > GUARDIAN_NAME_MAX_LENGTH ? fail(ctx, PATIENT_MESSAGES.guardianNameTooLong) : name;
    }),
    guardianRelation: optional((text, ctx) => (text.length > GUARDIAN_RELATION_MAX_LENGTH ? fail(ctx, PATIENT_MESSAGES.guardianRelationTooLong) : text)),
    guardianPhone: optionalPhone(),
  });
}

/** "05032026" → "05/03/2026", so dates on the insurance card may be typed as digits too. */
function eightDigitsAsDate(text: string): string {
  const eight = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  return eight ? `${eight[1]}/${eight[2]}/${eight[3]}` : text;
}

function citizenIdMessage(problem: CitizenIdProblem): PatientMessageKey {
  return {
    format: PATIENT_MESSAGES.citizenIdFormat,
    province: PATIENT_MESSAGES.citizenIdProvince,
    birthYear: PATIENT_MESSAGES.citizenIdBirthYear,
    sex: PATIENT_MESSAGES.citizenIdSex,
  }[problem];
}

type Fields = z.output<z.ZodObject<PatientShape>>;

/** Rules between fields: the ID against birth year and sex, insurance dates, commune in province, guardian. */
function checkAcrossFields(fields: Fields, today: string): PatientFieldErrors {
  const errors: PatientFieldErrors = {};
  const birthYear = Number(fields.birthDate.iso.slice(0, 4));
  if (fields.citizenId) {
    const problem = citizenIdProblem(fields.citizenId, { birthYear, sex: fields.sex });
    if (problem) errors.citizenId = citizenIdMessage(problem);
  }
  if (fields.insuranceNumber && (!fields.insuranceValidFrom || !fields.insuranceValidTo)) {
    errors[fields.insuranceValidFrom ? "insuranceValidTo" : "insuranceValidFrom"] = PATIENT_MESSAGES.insuranceDatesRequired;
  } else if (fields.insuranceValidFrom && fields.insuranceValidTo && fields.insuranceValidTo < fields.insuranceValidFrom) {
    errors.insuranceValidTo = PATIENT_MESSAGES.insuranceDatesOrder;
  }
  if (fields.communeCode && findCommune(fields.communeCode)?.provinceCode !== fields.provinceCode) {
    errors.communeCode = PATIENT_MESSAGES.communeNotInProvince;
  }
  // A year-only birth date counts from 1 January, the oldest the child can be: a guardian is asked for
  // only when the child is surely under 6.
  if (ageOn(fields.birthDate.iso, today).years < GUARDIAN_REQUIRED_UNDER_YEARS) {
    if (!fields.guardianName) errors.guardianName = PATIENT_MESSAGES.guardianRequired;
    if (!fields.guardianRelation) errors.guardianRelation = PATIENT_MESSAGES.guardianRequired;
    if (!fields.guardianPhone && !fields.phone) errors.guardianPhone = PATIENT_MESSAGES.guardianRequired;
  }
  return errors;
}

/** Validates a registration or edit form. `today` (ISO) is Vietnam's today unless a test says otherwise. */
export function parsePatientInput(form: FormData | Record<string, unknown>, options: { today?: string } = {}): PatientInputResult {
  const today = options.today ?? todayInVietnam();
  const parsed = parseForm<PatientShape, PatientMessageKey>(form, patientInputSchema(today));
  if (!parsed.ok) return parsed;
  const errors = checkAcrossFields(parsed.data, today);
  if (Object.keys(errors).length > 0) return { ok: false, values: parsed.values, errors, formError: null };
  const { fullName, birthDate, sex, phone, ...details } = parsed.data;
  return { ok: true, values: parsed.values, data: { fullName, birthDate: birthDate.iso, birthDatePrecision: birthDate.precision, sex, phone, details } };
}

/** A saved patient as the edit form shows it: dd/MM/yyyy (or the year), phones grouped for reading. */
export function patientFormValues(patient: Pick<Patient, "fullName" | "birthDate" | "sex" | "phone"> & Partial<Patient>): PatientFormValues {
  const values = { ...EMPTY_PATIENT_FORM };
  for (const key of PATIENT_DETAIL_KEYS) values[key] = patient[key] ?? "";
  return {
    ...values,
    fullName: patient.fullName,
    birthDate: formatBirthDate(patient.birthDate, patient.birthDatePrecision ?? "day"),
    sex: patient.sex,
    phone: patient.phone ? formatVietnamesePhone(patient.phone) : "",
    insuranceValidFrom: patient.insuranceValidFrom ? formatVietnameseDate(patient.insuranceValidFrom) : "",
    insuranceValidTo: patient.insuranceValidTo ? formatVietnameseDate(patient.insuranceValidTo) : "",
    guardianPhone: patient.guardianPhone ? formatVietnamesePhone(patient.guardianPhone) : "",
  };
}
