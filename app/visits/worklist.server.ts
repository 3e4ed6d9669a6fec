// Worklists: a room's visits of the day, by status, in queue order; and calling the next patient in
// (docs/architecture.md §3). A triage room lists every clinic room's waiting patients, for the nurses.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { patients, rooms, visits, vitals, type RoomKind, type VisitStatus } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { VISIT_AUDIT_ACTIONS } from "./visit";

/** Rooms that have a worklist of patients. */
export const WORKLIST_ROOM_KINDS = ["triage", "clinic", "emergency"] as const satisfies readonly RoomKind[];

export type WorklistRoom = { id: string; code: string; name: string; kind: RoomKind };

export async function listWorklistRooms(t: TenantTx): Promise<WorklistRoom[]> {
  return t.db
    .select({ id: rooms.id, code: rooms.code, name: rooms.name, kind: rooms.kind })
    .from(rooms)
    .where(and(eq(rooms.tenantId, t.tenantId), eq(rooms.active, true), inArray(rooms.kind, [...WORKLIST_ROOM_KINDS])))
    .orderBy(asc(rooms.code));
}

export type WorklistEntry = {
  id: string;
  patientId: string;
  queueNumber: number;
  status: VisitStatus;
  patientName: string;
  mrn: string;
  birthDate: string;
  roomCode: string;
  arrivedAt: Date;
  calledAt: Date | null;
  clinicianId: string | null;
  hasVitals: boolean;
};

const hasVitals = sql<boolean>`exists (select 1 from ${vitals} where ${vitals.tenantId} = ${visits.tenantId} and ${vitals.visitId} = ${visits.id} and ${vitals.status} = 'valid')`;

/**
 * A room's worklist for a day. For a triage room: the waiting and in-progress visits of every clinic
 * room (the nurse measures before the doctor calls). Audited: a worklist shows patients' names.
 */
export async function getWorklist(t: TenantTx, room: WorklistRoom, day: string): Promise<WorklistEntry[]> {
  const where =
    room.kind === "triage"
      ? and(eq(visits.tenantId, t.tenantId), eq(visits.visitDate, day), inArray(visits.status, ["waiting", "in_progress"]))
      : and(eq(visits.tenantId, t.tenantId), eq(visits.visitDate, day), eq(visits.roomId, room.id));
  const rows = await t.db
    .select({
      id: visits.id,
      patientId: visits.patientId,
      queueNumber: visits.queueNumber,
      status: visits.status,
      patientName: patients.fullName,
      mrn: patients.mrn,
      birthDate: patients.birthDate,
      roomCode: rooms.code,
      arrivedAt: visits.createdAt,
      calledAt: visits.calledAt,
      clinicianId: visits.clinicianId,
      hasVitals,
    })
    .from(visits)
    .innerJoin(patients, and(eq(patients.tenantId, visits.tenantId), eq(patients.id, visits.patientId)))
    .innerJoin(rooms, and(eq(rooms.tenantId, visits.tenantId), eq(rooms.id, visits.roomId)))
    .where(where)
    .orderBy(asc(visits.createdAt), asc(visits.queueNumber))
    .limit(500);
  t.audit({ action: VISIT_AUDIT_ACTIONS.worklist, details: { room: room.code, day, visits: rows.length } });
  return rows;
}

export async function findWorklistRoom(t: TenantTx, id: string): Promise<WorklistRoom | null> {
  if (!isUuid(id)) return null;
  const [room] = await t.db
    .select({ id: rooms.id, code: rooms.code, name: rooms.name, kind: rooms.kind })
    .from(rooms)
    .where(and(eq(rooms.tenantId, t.tenantId), eq(rooms.id, id), eq(rooms.active, true), inArray(rooms.kind, [...WORKLIST_ROOM_KINDS])));
  return room ?? null;
}

/**
 * Calls the room's longest-waiting patient in: waiting -> in_progress, examined by `clinicianId`.
 * Two clinicians calling at the same moment get different patients: the row is taken with
 * FOR UPDATE SKIP LOCKED, so the second caller skips the one the first is taking. Null when nobody waits.
 */
export async function callNextPatient(t: TenantTx, roomId: string, day: string, clinicianId: string): Promise<{ id: string; queueNumber: number } | null> {
  if (!isUuid(roomId)) return null;
  // Two statements rather than UPDATE ... WHERE id IN (SELECT ... SKIP LOCKED LIMIT 1): the planner may
  // run such a subquery more than once and lock a second row.
  const [next] = await t.db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.visitDate, day), eq(visits.roomId, roomId), eq(visits.status, "waiting")))
    .orderBy(asc(visits.queueNumber))
    .limit(1)
    .for("update", { skipLocked: true });
  if (!next) return null;
  const [called] = await t.db
    .update(visits)
    .set({ status: "in_progress", calledAt: new Date(), clinicianId, version: sql`${visits.version} + 1` })
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, next.id)))
    .returning({ id: visits.id, queueNumber: visits.queueNumber });
  return called ?? null;
}
