// The parts of the outpatient record that the visit core owns (the note, diagnoses, vitals,
// disposition). The printout reads them only through visitClinicalSummary(), so that it prints
// whatever exists and leaves a blank line for the rest. The printout itself is the audited read
// (print.* in print.server.ts), in the same transaction.
import { and, asc, desc, eq } from "drizzle-orm";
import { diagnoses, visitNotes, visits, vitals } from "~db/schema";
import type { TenantTx } from "~db/scope.server";

export type PrintedDiagnosis = { code: string; name: string; principal: boolean };

export type VisitClinicalSummary = {
  reason: string | null;
  history: string | null;
  examination: string | null;
  /** Vital signs as one printable line ("Mạch 80 l/ph, HA 120/80 mmHg, …"). */
  vitals: string | null;
  diagnoses: PrintedDiagnosis[];
  /** The plan or disposition as one printable line. */
  disposition: string | null;
};

export const EMPTY_CLINICAL_SUMMARY: VisitClinicalSummary = {
  reason: null,
  history: null,
  examination: null,
  vitals: null,
  diagnoses: [],
  disposition: null,
};

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : null);

/** What the visit core has recorded for this visit: the note's sections, diagnoses, last vitals, disposition. */
export async function visitClinicalSummary(t: TenantTx, visitId: string, options: { diagnosesOnly?: boolean } = {}): Promise<VisitClinicalSummary> {
  const coded = await t.db
    .select({ code: diagnoses.code, name: diagnoses.nameVi, principal: diagnoses.principal })
    .from(diagnoses)
    .where(and(eq(diagnoses.tenantId, t.tenantId), eq(diagnoses.visitId, visitId), eq(diagnoses.status, "valid")))
    .orderBy(desc(diagnoses.principal), asc(diagnoses.code));
  if (options.diagnosesOnly) return { ...EMPTY_CLINICAL_SUMMARY, diagnoses: coded };
  const [note] = await t.db
    .select({ content: visitNotes.content })
    .from(visitNotes)
    .where(and(eq(visitNotes.tenantId, t.tenantId), eq(visitNotes.visitId, visitId)));
  const [last] = await t.db
    .select()
    .from(vitals)
    .where(and(eq(vitals.tenantId, t.tenantId), eq(vitals.visitId, visitId), eq(vitals.status, "valid")))
    .orderBy(desc(vitals.recordedAt))
    .limit(1);
  const [visit] = await t.db
    .select({ disposition: visits.disposition, followUpDate: visits.followUpDate, referralTo: visits.referralTo })
    .from(visits)
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, visitId)));
  const content = note?.content ?? {};
  const vitalsLine = last
    ? [
        last.pulse !== null ? `Mạch ${last.pulse} l/ph` : null,
        last.systolic !== null && last.diastolic !== null ? `HA ${last.systolic}/${last.diastolic} mmHg` : null,
        last.temperature !== null ? `Nhiệt độ ${last.temperature} °C` : null,
        last.respiratoryRate !== null ? `Nhịp thở ${last.respiratoryRate} l/ph` : null,
        last.spo2 !== null ? `SpO2 ${last.spo2}%` : null,
        last.weightKg !== null ? `Cân nặng ${last.weightKg} kg` : null,
        last.heightCm !== null ? `Chiều cao ${last.heightCm} cm` : null,
      ]
        .filter(Boolean)
        .join(", ") || null
    : null;
  const plan = text(content.plan);
  const disposition = [plan, visit?.disposition ? `Hướng xử trí: ${visit.disposition}` : null, visit?.followUpDate ? `Hẹn khám lại: ${visit.followUpDate}` : null, visit?.referralTo ? `Chuyển đến: ${visit.referralTo}` : null]
    .filter(Boolean)
    .join(". ");
  const examination = [text(content.general), text(content.cardio), text(content.respiratory), text(content.abdomen), text(content.otherSystems), text(content.examination)]
    .filter(Boolean)
    .join(". ");
  return {
    reason: text(content.reason),
    history: [text(content.history), text(content.pastHistory)].filter(Boolean).join(". ") || null,
    examination: examination || null,
    vitals: vitalsLine,
    diagnoses: coded,
    disposition: disposition || null,
  };
}
