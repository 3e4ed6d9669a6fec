// A patient shaped for the screen: dates as dd/MM/yyyy, phone grouped, age worked out on the server
// (so the page never disagrees with itself around midnight). Client-safe.
import type { Patient, PatientSummary } from "./patient";
import { formatVietnamesePhone } from "./phone";
import { ageOn, formatVietnameseDate, formatVietnameseDateTime } from "./vietnam-date";

export type PatientAge = { years: number; months: number };

export type PatientRow = Omit<PatientSummary, "birthDate" | "phone"> & {
  birthDate: string;
  age: PatientAge;
  phone: string | null;
};

export type PatientView = PatientRow & { version: number; updatedAt: string };

export function toPatientRow(patient: PatientSummary, today: string): PatientRow {
  return {
    id: patient.id,
    mrn: patient.mrn,
    fullName: patient.fullName,
    birthDate: formatVietnameseDate(patient.birthDate),
    age: ageOn(patient.birthDate, today),
    sex: patient.sex,
    phone: patient.phone ? formatVietnamesePhone(patient.phone) : null,
  };
}

export function toPatientView(patient: Patient, today: string): PatientView {
  return {
    ...toPatientRow(patient, today),
    version: patient.version,
    updatedAt: formatVietnameseDateTime(patient.updatedAt),
  };
}
