// The parts of the outpatient record that the visit core owns (the note, diagnoses, vitals,
// disposition). The printout reads them only through visitClinicalSummary(), so that it prints
// whatever exists and leaves a blank line for the rest. The printout itself is the audited read
// (print.* in print.server.ts), in the same transaction.
import { and, asc, desc, eq } from "drizzle-orm";
import { diagnoses, visitNotes, visits, vitals } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { noteFieldsOf, type NoteFormField } from "~/visits/note-form";
import { noteFormFor } from "~/visits/note.server";

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

/** Parts of a note form that the record prints in their own places; every other part is examination. */
const NOT_EXAMINATION = new Set(["reason", "history", "pastHistory", "diagnosis", "assessment", "plan"]);

/** One examination part as the record prints it: "Label: value unit", a choice by its label. */
function examinationLine(field: NoteFormField, value: string): string {
  const shown =
    field.type === "select"
      ? (field.options?.find((o) => o.value === value)?.label.vi ?? value)
      : field.type === "boolean"
        ? value === "true"
          ? "Có"
          : "Không"
        : field.unit
          ? `${value} ${field.unit}`
          : value;
  return field.key === "examination" ? shown : `${field.label.vi}: ${shown}`;
}

/**
 * The examination as the record prints it: every part of the note's own form that is not the reason,
 * history, diagnosis or plan, in the form's order (a specialty's parts — ears, fundus, fundal height —
 * as much as internal medicine's).
 */
function examinationOf(fields: NoteFormField[], content: Record<string, unknown>): string | null {
  const lines = fields.flatMap((field) => {
    if (NOT_EXAMINATION.has(field.key)) return [];
    const value = text(content[field.key]);
    return value ? [examinationLine(field, value)] : [];
  });
  // Parts the form no longer has (a form edited after the note was written) still print, unlabelled.
  const known = new Set(fields.map((f) => f.key));
  for (const [key, value] of Object.entries(content)) {
    const shown = text(value);
    if (shown && !known.has(key) && !NOT_EXAMINATION.has(key)) lines.push(shown);
  }
  return lines.join(". ") || null;
}

/** What the visit core has recorded for this visit: the note's sections, diagnoses, last vitals, disposition. */
export async function visitClinicalSummary(t: TenantTx, visitId: string, options: { diagnosesOnly?: boolean } = {}): Promise<VisitClinicalSummary> {
  const coded = await t.db
    .select({ code: diagnoses.code, name: diagnoses.nameVi, principal: diagnoses.principal })
    .from(diagnoses)
    .where(and(eq(diagnoses.tenantId, t.tenantId), eq(diagnoses.visitId, visitId), eq(diagnoses.status, "valid")))
    .orderBy(desc(diagnoses.principal), asc(diagnoses.code));
  if (options.diagnosesOnly) return { ...EMPTY_CLINICAL_SUMMARY, diagnoses: coded };
  const [note] = await t.db
    .select({ content: visitNotes.content, formCode: visitNotes.formCode })
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
  const fields = note ? noteFieldsOf(await noteFormFor(t, null, note.formCode)) : [];
  return {
    reason: text(content.reason),
    history: [text(content.history), text(content.pastHistory)].filter(Boolean).join(". ") || null,
    examination: examinationOf(fields, content),
    vitals: vitalsLine,
    diagnoses: coded,
    disposition: disposition || null,
  };
}
