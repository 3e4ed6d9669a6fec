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

export const patientDetailColumns = {
  citizenId: patients.citizenId,
  insuranceNumber: patients.insuranceNumber,
  insuranceValidFrom: patients.insuranceValidFrom,
  insuranceValidTo: patients.insuranceValidTo,
  insuranceFacility: patients.insuranceFacility,
  ethnicityCode: patients.ethnicityCode,
  occupationCode: patients.occupationCode,
  provinceCode: patients.provinceCode,
  communeCode: patients.communeCode,
  street: patients.street,
  guardianName: patients.guardianName,
  guardianRelation: patients.guardianRelation,
  guardianPhone: patients.guardianPhone,
};

export const patientColumns = {
  ...patientSummaryColumns,
  birthDatePrecision: patients.birthDatePrecision,
  ...patientDetailColumns,
  version: patients.version,
  updatedAt: patients.updatedAt,
};
