// A visit's diagnoses from ICD-10: one principal, any secondary, under the Ministry's rules
// (app/icd10/icd10-rules.ts). A wrong entry is marked entered in error, never deleted.
import { and, asc, eq } from "drizzle-orm";
import { diagnoses } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { findIcd10 } from "~/icd10/icd10-catalog.server";
import { checkDiagnosis, type DiagnosisRefusal } from "~/icd10/icd10-rules";
import { updateVersioned } from "~/lib/concurrency.server";
import type { VisitHeader } from "./visit";

export type Diagnosis = {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  principal: boolean;
  status: "valid" | "entered_in_error";
  version: number;
  createdAt: Date;
};

export async function listDiagnoses(t: TenantTx, visitId: string): Promise<Diagnosis[]> {
  return t.db
    .select({
      id: diagnoses.id,
      code: diagnoses.code,
      nameVi: diagnoses.nameVi,
      nameEn: diagnoses.nameEn,
      principal: diagnoses.principal,
      status: diagnoses.status,
      version: diagnoses.version,
      createdAt: diagnoses.createdAt,
    })
    .from(diagnoses)
    .where(and(eq(diagnoses.tenantId, t.tenantId), eq(diagnoses.visitId, visitId)))
    .orderBy(asc(diagnoses.createdAt));
}

export type AddDiagnosisResult = { ok: true; id: string } | { ok: false; refusal: DiagnosisRefusal | { key: "visit:diagnoses.rules.unknown"; code: string } };

/** Records a diagnosis when the catalog knows the code and no rule forbids it. */
export async function addDiagnosis(t: TenantTx, visit: VisitHeader, code: string, principal: boolean): Promise<AddDiagnosisResult> {
  const entry = findIcd10(code);
  if (!entry) return { ok: false, refusal: { key: "visit:diagnoses.rules.unknown", code: code.slice(0, 12) } };
  const existing = (await listDiagnoses(t, visit.id)).filter((d) => d.status === "valid");
  const refusal = checkDiagnosis({
    code: entry.code,
    principal,
    patient: { sex: visit.sex, birthDate: visit.birthDate },
    visitDate: visit.visitDate,
    existing,
  });
  if (refusal) return { ok: false, refusal };
  const [row] = await t.db
    .insert(diagnoses)
    .values({
      tenantId: t.tenantId,
      visitId: visit.id,
      patientId: visit.patientId,
      code: entry.code,
      nameVi: entry.nameVi,
      nameEn: entry.nameEn,
      principal,
      recordedBy: t.actor.userId,
    })
    .returning({ id: diagnoses.id });
  return { ok: true, id: row!.id };
}

export async function markDiagnosisInError(t: TenantTx, visitId: string, diagnosisId: string, version: number): Promise<boolean> {
  if (!isUuid(diagnosisId)) return false;
  const [row] = await t.db
    .select({ visitId: diagnoses.visitId })
    .from(diagnoses)
    .where(and(eq(diagnoses.tenantId, t.tenantId), eq(diagnoses.id, diagnosisId)));
  if (!row || row.visitId !== visitId) return false;
  return (await updateVersioned(t, diagnoses, diagnosisId, version, { status: "entered_in_error", markedBy: t.actor.userId, markedAt: new Date() })) !== null;
}
