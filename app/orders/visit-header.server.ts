// The visit a clinical page works on, with its patient: what the orders, prescription and print pages
// show at the top. Reading it shows the patient, so it is an audited chart read (docs/architecture.md §7).
import { and, eq } from "drizzle-orm";
import { patients, rooms, visits, type Sex, type VisitStatus } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { ORDER_AUDIT_ACTIONS } from "./order";

export type VisitHeader = {
  id: string;
  patientId: string;
  visitDate: string;
  queueNumber: number;
  status: VisitStatus;
  payer: "insurance" | "self_pay";
  signedAt: Date | null;
  followUpDate: string | null;
  clinicianId: string | null;
  roomName: string;
  patient: { id: string; mrn: string; fullName: string; birthDate: string; sex: Sex; phone: string | null };
};

/** The visit and its patient, or null when the id is not a visit of this hospital. Audited as `page`. */
export async function getVisitHeader(t: TenantTx, visitId: string, page: string): Promise<VisitHeader | null> {
  if (!isUuid(visitId)) return null;
  const [row] = await t.db
    .select({
      id: visits.id,
      patientId: visits.patientId,
      visitDate: visits.visitDate,
      queueNumber: visits.queueNumber,
      status: visits.status,
      payer: visits.payer,
      signedAt: visits.signedAt,
      followUpDate: visits.followUpDate,
      clinicianId: visits.clinicianId,
      roomName: rooms.name,
      patient: {
        id: patients.id,
        mrn: patients.mrn,
        fullName: patients.fullName,
        birthDate: patients.birthDate,
        sex: patients.sex,
        phone: patients.phone,
      },
    })
    .from(visits)
    .innerJoin(patients, and(eq(patients.tenantId, visits.tenantId), eq(patients.id, visits.patientId)))
    .innerJoin(rooms, and(eq(rooms.tenantId, visits.tenantId), eq(rooms.id, visits.roomId)))
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, visitId)));
  if (!row) return null;
  t.audit({ action: ORDER_AUDIT_ACTIONS.visitRead, entityType: "visits", entityId: row.id, patientId: row.patientId, details: { page } });
  return row;
}
