// Correcting a patient's identity details. Optimistic concurrency: the edit names the version the
// person read, and a stale one throws StaleWriteError instead of overwriting a colleague's change.
// The update is audited by the database trigger (with the names of the changed columns).
import { patients } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { updateVersioned } from "~/lib/concurrency.server";
import { PATIENT_DETAIL_KEYS, type Patient, type PatientDetails } from "./patient";
import type { PatientInput } from "./patient-input";

/** The updated patient, or null when the id is not a patient of this hospital. */
export async function updatePatient(
  t: TenantTx,
  id: string,
  expectedVersion: number,
  changes: PatientInput,
): Promise<Patient | null> {
  const row = await updateVersioned(t, patients, id, expectedVersion, {
    fullName: changes.fullName,
    birthDate: changes.birthDate,
    birthDatePrecision: changes.birthDatePrecision ?? "day",
    sex: changes.sex,
    phone: changes.phone,
    ...changes.details,
  });
  if (!row) return null;
  return {
    id: row.id,
    mrn: row.mrn,
    fullName: row.fullName,
    birthDate: row.birthDate,
    birthDatePrecision: row.birthDatePrecision,
    sex: row.sex,
    phone: row.phone,
    ...(Object.fromEntries(PATIENT_DETAIL_KEYS.map((key) => [key, row[key]])) as PatientDetails),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
