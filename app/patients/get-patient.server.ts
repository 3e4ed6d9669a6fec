// Opening a patient's record: a read of the chart, so it is audited (docs/architecture.md §7).
import { and, eq } from "drizzle-orm";
import { patients } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { PATIENT_AUDIT_ACTIONS, PATIENT_ENTITY_TYPE, type Patient } from "./patient";
import { patientColumns } from "./patient-columns.server";

/** The patient, or null when the id is not a patient of this hospital (or not an id at all). */
export async function getPatient(t: TenantTx, id: string): Promise<Patient | null> {
  if (!isUuid(id)) return null;
  const [patient] = await t.db
    .select(patientColumns)
    .from(patients)
    .where(and(eq(patients.tenantId, t.tenantId), eq(patients.id, id)));
  if (!patient) return null;
  t.audit({ action: PATIENT_AUDIT_ACTIONS.read, entityType: PATIENT_ENTITY_TYPE, entityId: id, patientId: id });
  return patient;
}
