// The patient as the application sees it: what screens show and domain functions return. No tenant id,
// no search column: those stay in the database layer. Client-safe (no server imports).
import type { BirthDatePrecision, Sex } from "~db/schema";

export type Patient = {
  id: string;
  /** Medical record number, unique within the hospital: YY + 6 digits, e.g. "26000123". */
  mrn: string;
  /** In Vietnamese order: family name, middle name(s), given name. */
  fullName: string;
  /** ISO yyyy-mm-dd; 1 January when only the year is known (precision "year", decision 035). */
  birthDate: string;
  birthDatePrecision: BirthDatePrecision;
  sex: Sex;
  /** Digits only, e.g. "0912345678"; null when the patient has none. */
  phone: string | null;
} & PatientDetails & {
  version: number;
  updatedAt: Date;
};

/** What reception records besides identity (app/reception/); each null when not known. */
export type PatientDetails = {
  /** CCCD, 12 digits. */
  citizenId: string | null;
  /** BHYT card, 15 characters upper case, with its validity (ISO dates) and 5-digit facility code. */
  insuranceNumber: string | null;
  insuranceValidFrom: string | null;
  insuranceValidTo: string | null;
  insuranceFacility: string | null;
  ethnicityCode: string | null;
  occupationCode: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  street: string | null;
  guardianName: string | null;
  guardianRelation: string | null;
  /** Digits only, like phone. */
  guardianPhone: string | null;
};

export const PATIENT_DETAIL_KEYS = [
  "citizenId",
  "insuranceNumber",
  "insuranceValidFrom",
  "insuranceValidTo",
  "insuranceFacility",
  "ethnicityCode",
  "occupationCode",
  "provinceCode",
  "communeCode",
  "street",
  "guardianName",
  "guardianRelation",
  "guardianPhone",
] as const satisfies readonly (keyof PatientDetails)[];

/** A row of the patient list. */
export type PatientSummary = Pick<Patient, "id" | "mrn" | "fullName" | "birthDate" | "sex" | "phone">;

/** Actions this module writes to the tenant's audit log (writes are audited by a database trigger). */
export const PATIENT_AUDIT_ACTIONS = {
  search: "patient.search",
  read: "patient.read",
} as const;

/** The entity type of patient rows in the audit log: the table's name, as the write trigger records it. */
export const PATIENT_ENTITY_TYPE = "patients";

/** Page size of the patient list: dense enough for a 1366×768 screen, capped so one search stays cheap. */
export const PATIENT_PAGE_SIZE = 25;
export const PATIENT_PAGE_SIZE_MAX = 50;
/** Longer search text is cut: no name or record number is this long. */
export const PATIENT_QUERY_MAX_LENGTH = 100;
