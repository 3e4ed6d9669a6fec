// A scan of the chip ID card turned into the registration form's values: name, birth date, sex, citizen
// ID, and the card's address split best-effort into province and commune (2025 units) and street.
import { EMPTY_PATIENT_FORM, type PatientFormValues } from "~/patients/patient-fields";
import { formatBirthDate } from "~/patients/vietnam-date";
import { matchAddress } from "~/reference/admin-units.server";
import type { IdCardScan } from "./id-card-qr";

export function scanFormValues(scan: IdCardScan, base: PatientFormValues = EMPTY_PATIENT_FORM): PatientFormValues {
  const address = matchAddress(scan.address);
  return {
    ...base,
    fullName: scan.fullName,
    birthDate: scan.birthDate ? formatBirthDate(scan.birthDate, scan.birthDatePrecision) : "",
    sex: scan.sex ?? "",
    citizenId: scan.citizenId,
    provinceCode: address.provinceCode ?? "",
    communeCode: address.communeCode ?? "",
    street: address.street,
  };
}
