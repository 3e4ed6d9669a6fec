// What a registration or edit form may contain, checked on the server (docs/architecture.md §4). Messages are keys
// of the "patients" locale namespace, so the page shows them in the person's language.
import { z } from "zod";
import { SEXES, type Sex } from "~db/schema";
import type { Patient } from "./patient";
import { type ParsedForm, parseForm } from "~/lib/form.server";
import { PATIENT_MESSAGES, type PatientField, type PatientFormValues, type PatientMessageKey } from "./patient-fields";
import { formatVietnamesePhone, normalizeVietnamesePhone, PHONE_INPUT_MAX_LENGTH } from "./phone";
import { formatVietnameseDate, parseVietnameseDate, todayInVietnam } from "./vietnam-date";

/** The choices of the sex field, in the order the form shows them. */
export const PATIENT_SEXES: readonly Sex[] = SEXES;

/** A validated patient: name tidied, birth date ISO, phone digits only. */
export type PatientInput = {
  fullName: string;
  birthDate: string;
  sex: Sex;
  phone: string | null;
};

type PatientShape = ReturnType<typeof patientInputSchema>["shape"];
export type PatientInputResult = ParsedForm<PatientShape, PatientMessageKey>;

export const FULL_NAME_MIN_LENGTH = 2;
export const FULL_NAME_MAX_LENGTH = 120;
/** Older birth dates are typing mistakes, not patients. */
export const EARLIEST_BIRTH_DATE = "1900-01-01";
const BIRTH_DATE_INPUT_MAX_LENGTH = 10;

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
      if (typed.length > BIRTH_DATE_INPUT_MAX_LENGTH || !/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(typed)) {
        return fail(ctx, PATIENT_MESSAGES.birthDateFormat);
      }
      const iso = parseVietnameseDate(typed);
      if (!iso) return fail(ctx, PATIENT_MESSAGES.birthDateNotReal);
      if (iso > today) return fail(ctx, PATIENT_MESSAGES.birthDateFuture);
      if (iso < EARLIEST_BIRTH_DATE) return fail(ctx, PATIENT_MESSAGES.birthDateTooOld);
      return iso;
    }),
    sex: z.string().transform((text, ctx) => {
      const sex = SEXES.find((s) => s === text.trim());
      return sex ?? fail(ctx, PATIENT_MESSAGES.sexRequired);
    }),
    phone: z.string().transform((text, ctx) => {
      const typed = text.trim();
      if (typed.length === 0) return null;
      if (typed.length > PHONE_INPUT_MAX_LENGTH) return fail(ctx, PATIENT_MESSAGES.phoneTooLong);
      return normalizeVietnamesePhone(typed) ?? fail(ctx, PATIENT_MESSAGES.phoneFormat);
    }),
  });
}

/** Validates a registration or edit form. `today` (ISO) is Vietnam's today unless a test says otherwise. */
export function parsePatientInput(form: FormData | Record<string, unknown>, options: { today?: string } = {}): PatientInputResult {
  return parseForm<PatientShape, PatientMessageKey>(form, patientInputSchema(options.today ?? todayInVietnam()));
}

/** A saved patient as the edit form shows it: dd/MM/yyyy, phone grouped for reading. */
export function patientFormValues(patient: Pick<Patient, PatientField>): PatientFormValues {
  return {
    fullName: patient.fullName,
    birthDate: formatVietnameseDate(patient.birthDate),
    sex: patient.sex,
    phone: patient.phone ? formatVietnamesePhone(patient.phone) : "",
  };
}
