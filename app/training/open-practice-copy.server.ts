// Opening and resetting a hospital's practice copy (decision 043), in the real hospital's transaction:
// the database copies the configuration and the staff, then the copy is filled with made-up patients,
// all in that one transaction.
import { systemActor, type TenantTx } from "~db/scope.server";
import { openTrainingCopy, type OpenedTrainingCopy } from "~db/training-scope.server";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import { generateDemoPatients } from "~/demo/generate-demo-patients";
import { registerPatient } from "~/patients/register-patient.server";

/** How many made-up patients a new practice copy gets. */
export const PRACTICE_PATIENT_COUNT = 30;

const fillActor = systemActor("training-copy");

async function fillWithMadeUpPatients(copy: TenantTx): Promise<void> {
  const naming = DEMO_HOSPITALS[0]!.naming;
  // The demo generator, seeded by the copy's id (each copy its own people): made-up people only, none
  // of the fixed demo patients.
  const list = generateDemoPatients({
    slug: copy.tenantId,
    name: "",
    departments: [],
    staff: [],
    naming,
    patientCount: PRACTICE_PATIENT_COUNT,
    commonPatients: [],
    distinctivePatients: [],
  });
  for (const patient of list) await registerPatient(copy, patient);
}

/** The live practice copy of t's hospital, made now (with its patients) if there is none. */
export async function openPracticeCopy(t: TenantTx): Promise<OpenedTrainingCopy> {
  return openTrainingCopy(t, "open", fillWithMadeUpPatients, fillActor);
}

/** "Reset": archives the live practice copy (kept, locked, never listed) and makes a fresh one. */
export async function resetPracticeCopy(t: TenantTx): Promise<OpenedTrainingCopy> {
  return openTrainingCopy(t, "reset", fillWithMadeUpPatients, fillActor);
}
