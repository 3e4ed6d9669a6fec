// Opening a visit: a read of the chart, so it is audited (docs/architecture.md §7).
import { and, eq } from "drizzle-orm";
import { patients, rooms, visits } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { VISIT_AUDIT_ACTIONS, VISIT_ENTITY_TYPE, type VisitHeader } from "./visit";

export const visitHeaderColumns = {
  id: visits.id,
  patientId: visits.patientId,
  patientName: patients.fullName,
  mrn: patients.mrn,
  birthDate: patients.birthDate,
  sex: patients.sex,
  roomId: visits.roomId,
  roomCode: rooms.code,
  roomName: rooms.name,
  roomSpecialty: rooms.specialty,
  visitDate: visits.visitDate,
  queueNumber: visits.queueNumber,
  payer: visits.payer,
  status: visits.status,
  calledAt: visits.calledAt,
  clinicianId: visits.clinicianId,
  signedAt: visits.signedAt,
  signedBy: visits.signedBy,
  disposition: visits.disposition,
  followUpDate: visits.followUpDate,
  referralTo: visits.referralTo,
  referralReason: visits.referralReason,
  version: visits.version,
  createdAt: visits.createdAt,
};

/** The visit without auditing: for a write that reads it back within the same transaction. */
export async function findVisit(t: TenantTx, id: string): Promise<VisitHeader | null> {
  if (!isUuid(id)) return null;
  const [visit] = await t.db
    .select(visitHeaderColumns)
    .from(visits)
    .innerJoin(patients, and(eq(patients.tenantId, visits.tenantId), eq(patients.id, visits.patientId)))
    .innerJoin(rooms, and(eq(rooms.tenantId, visits.tenantId), eq(rooms.id, visits.roomId)))
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, id)));
  return visit ?? null;
}

/** The visit, or null when the id is not a visit of this hospital. Audited as a read of the chart. */
export async function getVisit(t: TenantTx, id: string, what: string = "visit"): Promise<VisitHeader | null> {
  const visit = await findVisit(t, id);
  if (!visit) return null;
  t.audit({ action: VISIT_AUDIT_ACTIONS.read, entityType: VISIT_ENTITY_TYPE, entityId: id, patientId: visit.patientId, details: { tab: what } });
  return visit;
}
