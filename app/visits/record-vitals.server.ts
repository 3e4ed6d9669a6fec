// Recording vital signs on a visit, and marking a wrong entry "entered in error" (kept, never deleted).
import { and, desc, eq } from "drizzle-orm";
import { visits, vitals } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { updateVersioned } from "~/lib/concurrency.server";
import type { VitalValues } from "./vitals";

export type VitalsRow = VitalValues & {
  id: string;
  visitId: string;
  recordedAt: Date;
  recordedBy: string | null;
  status: "valid" | "entered_in_error";
  version: number;
};

const numeric = (value: number | null) => (value === null ? null : String(value));
const toNumber = (value: string | null) => (value === null ? null : Number(value));

const columns = {
  id: vitals.id,
  visitId: vitals.visitId,
  recordedAt: vitals.recordedAt,
  recordedBy: vitals.recordedBy,
  status: vitals.status,
  version: vitals.version,
  pulse: vitals.pulse,
  systolic: vitals.systolic,
  diastolic: vitals.diastolic,
  temperature: vitals.temperature,
  respiratoryRate: vitals.respiratoryRate,
  spo2: vitals.spo2,
  weightKg: vitals.weightKg,
  heightCm: vitals.heightCm,
};

type Raw = { temperature: string | null; weightKg: string | null; heightCm: string | null };
function shape<T extends Raw>(row: T): Omit<T, keyof Raw> & Pick<VitalValues, keyof Raw> {
  return { ...row, temperature: toNumber(row.temperature), weightKg: toNumber(row.weightKg), heightCm: toNumber(row.heightCm) };
}

export async function recordVitals(t: TenantTx, visit: { id: string; patientId: string }, values: VitalValues): Promise<string> {
  const [row] = await t.db
    .insert(vitals)
    .values({
      tenantId: t.tenantId,
      visitId: visit.id,
      patientId: visit.patientId,
      recordedBy: t.actor.userId,
      pulse: values.pulse,
      systolic: values.systolic,
      diastolic: values.diastolic,
      temperature: numeric(values.temperature),
      respiratoryRate: values.respiratoryRate,
      spo2: values.spo2,
      weightKg: numeric(values.weightKg),
      heightCm: numeric(values.heightCm),
    })
    .returning({ id: vitals.id });
  return row!.id;
}

/** A visit's vitals, newest first, entered-in-error ones included (shown struck through). */
export async function listVisitVitals(t: TenantTx, visitId: string): Promise<VitalsRow[]> {
  const rows = await t.db
    .select(columns)
    .from(vitals)
    .where(and(eq(vitals.tenantId, t.tenantId), eq(vitals.visitId, visitId)))
    .orderBy(desc(vitals.recordedAt));
  return rows.map(shape);
}

/** A patient's valid vitals over their visits, oldest first (the chart's trend), at most `limit`. */
export async function listPatientVitals(t: TenantTx, patientId: string, limit = 30): Promise<VitalsRow[]> {
  const rows = await t.db
    .select(columns)
    .from(vitals)
    .where(and(eq(vitals.tenantId, t.tenantId), eq(vitals.patientId, patientId), eq(vitals.status, "valid")))
    .orderBy(desc(vitals.recordedAt))
    .limit(limit);
  return rows.map(shape).reverse();
}

/** Marks one entry entered in error; null when it is not this visit's, stale version -> StaleWriteError. */
export async function markVitalsInError(t: TenantTx, visitId: string, vitalsId: string, version: number): Promise<boolean> {
  if (!isUuid(vitalsId)) return false;
  const [row] = await t.db
    .select({ visitId: vitals.visitId })
    .from(vitals)
    .where(and(eq(vitals.tenantId, t.tenantId), eq(vitals.id, vitalsId)));
  if (!row || row.visitId !== visitId) return false;
  const updated = await updateVersioned(t, vitals, vitalsId, version, { status: "entered_in_error", markedBy: t.actor.userId, markedAt: new Date() });
  return updated !== null;
}

/** Whether the visit is still open to clinical entries (not signed, not cancelled). */
export async function isVisitOpen(t: TenantTx, visitId: string): Promise<boolean> {
  const [row] = await t.db.select({ status: visits.status }).from(visits).where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, visitId)));
  return row?.status === "waiting" || row?.status === "in_progress";
}
