// The columns that make a Patient, selected the same way by every patient query.
import { patients } from "~db/schema";

/** What a list row shows. */
export const patientSummaryColumns = {
  id: patients.id,
  mrn: patients.mrn,
  fullName: patients.fullName,
  birthDate: patients.birthDate,
  sex: patients.sex,
  phone: patients.phone,
};

export const patientColumns = {
  ...patientSummaryColumns,
  version: patients.version,
  updatedAt: patients.updatedAt,
};
