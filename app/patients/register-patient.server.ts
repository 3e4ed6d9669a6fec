// Registering a new patient at reception: a medical record number from the hospital's own counter.
// The insert is audited by the database trigger (0002_security.sql), so nothing is recorded here.
import { sql } from "drizzle-orm";
import { patients, tenantCounters } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import type { Patient } from "./patient";
import { patientColumns } from "./patient-columns.server";
import type { PatientInput } from "./patient-input";
import { todayInVietnam } from "./vietnam-date";

/** The tenant_counters row that numbers this hospital's medical records. */
export const MRN_COUNTER = "mrn";

/** "26" + the counter on six digits: 26000123. Grows past six digits rather than wrapping. */
export function formatMrn(counter: number, year: string): string {
  return `${year.slice(-2)}${String(counter).padStart(6, "0")}`;
}

/**
 * The next record number of this hospital. The upsert takes the counter row's lock until the
 * transaction ends, so concurrent registrations get distinct numbers and a rolled-back one leaves its
 * number unused rather than handed out twice.
 */
export async function allocateMrn(t: TenantTx, now: Date = new Date()): Promise<string> {
  const [counter] = await t.db
    .insert(tenantCounters)
    .values({ tenantId: t.tenantId, id: MRN_COUNTER, value: 1 })
    .onConflictDoUpdate({
      target: [tenantCounters.tenantId, tenantCounters.id],
      set: { value: sql`${tenantCounters.value} + 1` },
    })
    .returning({ value: tenantCounters.value });
  return formatMrn(counter!.value, todayInVietnam(now).slice(0, 4));
}

export async function registerPatient(t: TenantTx, input: PatientInput, options: { now?: Date } = {}): Promise<Patient> {
  const mrn = await allocateMrn(t, options.now);
  const [patient] = await t.db
    .insert(patients)
    .values({
      tenantId: t.tenantId,
      mrn,
      fullName: input.fullName,
      birthDate: input.birthDate,
      birthDatePrecision: input.birthDatePrecision ?? "day",
      sex: input.sex,
      phone: input.phone,
      ...input.details,
    })
    .returning(patientColumns);
  return patient!;
}
