// The columns that make a Patient, selected the same way by every patient query.
import { patients } from "~db/schema";

export const patientColumns = {
  id: patients.id,
  mrn: patients.mrn,
  fullName: patients.fullName,
  birthDate: patients.birthDate,
  sex: patients.sex,
  phone: patients.phone,
  version: patients.version,
  updatedAt: patients.updatedAt,
};
