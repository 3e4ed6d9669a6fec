// The chart: a patient's summary in one read (problems, allergies, last vitals and their trend, the
// visit timeline; results and current medicines come from the orders capability). Opening it is an
// audited read of the chart (docs/architecture.md §7).
import { listResultsForPatient } from "~/orders/orders.server";
import { listActiveMedicines } from "~/prescriptions/prescriptions.server";
import { and, desc, eq } from "drizzle-orm";
import { diagnoses, rooms, visits } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { getPatient } from "~/patients/get-patient.server";
import type { Patient } from "~/patients/patient";
import { listPatientVitals, type VitalsRow } from "~/visits/record-vitals.server";
import { listAllergies, listProblems, type Allergy, type Problem } from "./patient-lists.server";

export const CHART_AUDIT_ACTION = "patient.chart";

export type TimelineVisit = {
  id: string;
  visitDate: string;
  roomName: string;
  status: string;
  disposition: string | null;
  principal: string | null;
};

/** Lab and imaging results for the chart: the latest, abnormal ones flagged. */
export type ChartResult = { id: string; name: string; value: string; unit: string | null; flag: "low" | "high" | null; at: Date };
export async function chartResults(t: TenantTx, patientId: string): Promise<ChartResult[]> {
  // Each result read here is audited by the orders capability (decision 048).
  const rows = await listResultsForPatient(t, patientId, 10);
  return rows.flatMap((row) =>
    row.result
      ? [{
          id: row.id,
          name: row.serviceName,
          value: row.result.valueNumeric ?? row.result.valueText ?? "",
          unit: row.result.unit,
          flag: row.result.flag === "low" || row.result.flag === "high" ? row.result.flag : null,
          at: new Date(row.result.enteredAt),
        }]
      : [],
  );
}

/** Current medicines for the chart: prescribed items whose course has not ended. */
export type ChartMedicine = { id: string; name: string; dose: string; until: string | null };
export async function chartMedicines(t: TenantTx, patientId: string): Promise<ChartMedicine[]> {
  const rows = await listActiveMedicines(t, patientId);
  return rows.map((row) => ({
    id: row.itemId,
    name: `${row.drugName} ${row.strength}`,
    dose: `${row.dosePerTake} ${row.unit} × ${row.timesPerDay}/24h, ${row.route}`,
    until: row.endDate,
  }));
}

export type Chart = {
  patient: Patient;
  problems: Problem[];
  allergies: Allergy[];
  vitals: VitalsRow[];
  timeline: TimelineVisit[];
  results: ChartResult[];
  medicines: ChartMedicine[];
};

async function listTimeline(t: TenantTx, patientId: string): Promise<TimelineVisit[]> {
  const rows = await t.db
    .select({
      id: visits.id,
      visitDate: visits.visitDate,
      roomName: rooms.name,
      status: visits.status,
      disposition: visits.disposition,
    })
    .from(visits)
    .innerJoin(rooms, and(eq(rooms.tenantId, visits.tenantId), eq(rooms.id, visits.roomId)))
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.patientId, patientId)))
    .orderBy(desc(visits.createdAt))
    .limit(50);
  const principals = await t.db
    .select({ visitId: diagnoses.visitId, code: diagnoses.code, nameVi: diagnoses.nameVi })
    .from(diagnoses)
    .where(and(eq(diagnoses.tenantId, t.tenantId), eq(diagnoses.patientId, patientId), eq(diagnoses.principal, true), eq(diagnoses.status, "valid")));
  const byVisit = new Map(principals.map((p) => [p.visitId, `${p.code} ${p.nameVi}`]));
  return rows.map((r) => ({ ...r, principal: byVisit.get(r.id) ?? null }));
}

/** The chart, or null when the id is not a patient of this hospital. */
export async function getChart(t: TenantTx, patientId: string): Promise<Chart | null> {
  const patient = await getPatient(t, patientId);
  if (!patient) return null;
  t.audit({ action: CHART_AUDIT_ACTION, entityType: "patients", entityId: patient.id, patientId: patient.id });
  // One after another: statements of one transaction share its connection.
  const problems = await listProblems(t, patient.id);
  const allergies = await listAllergies(t, patient.id);
  const vitals = await listPatientVitals(t, patient.id);
  const timeline = await listTimeline(t, patient.id);
  const results = await chartResults(t, patient.id);
  const medicines = await chartMedicines(t, patient.id);
  return { patient, problems, allergies, vitals, timeline, results, medicines };
}
