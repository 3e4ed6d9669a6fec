// Starting a visit at reception (issue 8): the patient joins a clinic room's queue for today, paid by
// insurance or by themselves, and gets the next queue number of that room and day.
//
// Queue numbers come from the hospital's tenant_counters, one row per room and day: the upsert takes
// the row's lock until the transaction ends, so concurrent starts in one room get distinct numbers in
// order, and visits_tenant_room_day_queue_key refuses a duplicate whatever happens.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { patients, rooms, tenantCounters, visits, type Payer, type RoomKind, type VisitStatus } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { PATIENT_AUDIT_ACTIONS, type PatientSummary } from "~/patients/patient";
import { patientSummaryColumns } from "~/patients/patient-columns.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { insuranceValidOn } from "./insurance-card";

/** The rooms a visit may be queued for at reception. */
export const VISIT_ROOM_KINDS: readonly RoomKind[] = ["clinic", "emergency"];

export const VISIT_AUDIT_ACTIONS = { list: "visit.list", read: "visit.read" } as const;
export const VISIT_ENTITY_TYPE = "visits";

export type VisitRoom = { id: string; code: string; name: string; kind: RoomKind };

export async function listVisitRooms(t: TenantTx): Promise<VisitRoom[]> {
  return t.db
    .select({ id: rooms.id, code: rooms.code, name: rooms.name, kind: rooms.kind })
    .from(rooms)
    .where(and(eq(rooms.tenantId, t.tenantId), eq(rooms.active, true), inArray(rooms.kind, [...VISIT_ROOM_KINDS])))
    .orderBy(asc(rooms.code));
}

/** The tenant_counters row numbering one room's queue on one day. */
export function queueCounterId(roomId: string, day: string): string {
  return `queue:${roomId}:${day}`;
}

async function nextQueueNumber(t: TenantTx, roomId: string, day: string): Promise<number> {
  // Never below a number already given in that room today by another path (a seed, an import): the
  // counter follows the visits, so the unique key is never hit.
  const highest = sql`(select coalesce(max(${visits.queueNumber}), 0) from ${visits}
    where ${visits.tenantId} = ${t.tenantId} and ${visits.visitDate} = ${day} and ${visits.roomId} = ${roomId})`;
  const [counter] = await t.db
    .insert(tenantCounters)
    .values({ tenantId: t.tenantId, id: queueCounterId(roomId, day), value: sql`${highest} + 1` })
    .onConflictDoUpdate({
      target: [tenantCounters.tenantId, tenantCounters.id],
      set: { value: sql`greatest(${tenantCounters.value}, ${highest}) + 1` },
    })
    .returning({ value: tenantCounters.value });
  return counter!.value;
}

export type StartVisitProblem = "patientNotFound" | "roomUnknown" | "insuranceMissing" | "insuranceNotValid";

export type StartedVisit = { id: string; queueNumber: number; visitDate: string };

/** Queues the patient; a problem (not an exception) when the choice cannot be honoured. */
export async function startVisit(
  t: TenantTx,
  input: { patientId: string; roomId: string; payer: Payer },
  options: { now?: Date } = {},
): Promise<{ ok: true; visit: StartedVisit } | { ok: false; problem: StartVisitProblem }> {
  if (!isUuid(input.patientId)) return { ok: false, problem: "patientNotFound" };
  if (!isUuid(input.roomId)) return { ok: false, problem: "roomUnknown" };
  const day = todayInVietnam(options.now);
  const [patient] = await t.db
    .select({ insuranceNumber: patients.insuranceNumber, validFrom: patients.insuranceValidFrom, validTo: patients.insuranceValidTo })
    .from(patients)
    .where(and(eq(patients.tenantId, t.tenantId), eq(patients.id, input.patientId)));
  if (!patient) return { ok: false, problem: "patientNotFound" };
  const [room] = await t.db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.tenantId, t.tenantId), eq(rooms.id, input.roomId), eq(rooms.active, true), inArray(rooms.kind, [...VISIT_ROOM_KINDS])));
  if (!room) return { ok: false, problem: "roomUnknown" };
  if (input.payer === "insurance") {
    if (!patient.insuranceNumber) return { ok: false, problem: "insuranceMissing" };
    if (!insuranceValidOn(patient, day)) return { ok: false, problem: "insuranceNotValid" };
  }
  const queueNumber = await nextQueueNumber(t, input.roomId, day);
  const [visit] = await t.db
    .insert(visits)
    .values({
      tenantId: t.tenantId,
      patientId: input.patientId,
      roomId: input.roomId,
      visitDate: day,
      queueNumber,
      payer: input.payer,
      createdBy: t.actor.userId,
    })
    .returning({ id: visits.id, queueNumber: visits.queueNumber, visitDate: visits.visitDate });
  return { ok: true, visit: visit! };
}

export type VisitSlip = {
  id: string;
  queueNumber: number;
  visitDate: string;
  payer: Payer;
  status: VisitStatus;
  createdAt: Date;
  room: { code: string; name: string };
  patient: PatientSummary & { birthDatePrecision: "day" | "year"; insuranceNumber: string | null };
};

/** One visit with its patient and room, for the slip; null when not a visit of this hospital. Audited. */
export async function getVisitSlip(t: TenantTx, visitId: string): Promise<VisitSlip | null> {
  if (!isUuid(visitId)) return null;
  const [row] = await t.db
    .select({
      id: visits.id,
      queueNumber: visits.queueNumber,
      visitDate: visits.visitDate,
      payer: visits.payer,
      status: visits.status,
      createdAt: visits.createdAt,
      roomCode: rooms.code,
      roomName: rooms.name,
      patient: { ...patientSummaryColumns, birthDatePrecision: patients.birthDatePrecision, insuranceNumber: patients.insuranceNumber },
    })
    .from(visits)
    .innerJoin(patients, and(eq(patients.tenantId, visits.tenantId), eq(patients.id, visits.patientId)))
    .innerJoin(rooms, and(eq(rooms.tenantId, visits.tenantId), eq(rooms.id, visits.roomId)))
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, visitId)));
  if (!row) return null;
  t.audit({ action: VISIT_AUDIT_ACTIONS.read, entityType: VISIT_ENTITY_TYPE, entityId: row.id, patientId: row.patient.id });
  const { roomCode, roomName, ...visit } = row;
  return { ...visit, room: { code: roomCode, name: roomName } };
}

export type TodayVisit = {
  id: string;
  queueNumber: number;
  status: VisitStatus;
  payer: Payer;
  createdAt: Date;
  roomName: string;
  patientId: string;
  patientName: string;
  mrn: string;
};

/** How many of today's visits reception's home lists at most (newest first). */
export const TODAY_VISITS_SHOWN = 100;

/** Today's visits in this hospital, newest first. A list of patients, so audited. */
export async function listTodayVisits(t: TenantTx, options: { now?: Date } = {}): Promise<TodayVisit[]> {
  const day = todayInVietnam(options.now);
  const rows = await t.db
    .select({
      id: visits.id,
      queueNumber: visits.queueNumber,
      status: visits.status,
      payer: visits.payer,
      createdAt: visits.createdAt,
      roomName: rooms.name,
      patientId: patients.id,
      patientName: patients.fullName,
      mrn: patients.mrn,
    })
    .from(visits)
    .innerJoin(patients, and(eq(patients.tenantId, visits.tenantId), eq(patients.id, visits.patientId)))
    .innerJoin(rooms, and(eq(rooms.tenantId, visits.tenantId), eq(rooms.id, visits.roomId)))
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.visitDate, day)))
    .orderBy(desc(visits.createdAt))
    .limit(TODAY_VISITS_SHOWN);
  t.audit({ action: VISIT_AUDIT_ACTIONS.list, details: { day, results: rows.length } });
  return rows;
}

/** The patients registered most recently, newest first. Audited as a patient search. */
export async function listRecentPatients(t: TenantTx, limit = 10): Promise<PatientSummary[]> {
  const rows = await t.db
    .select(patientSummaryColumns)
    .from(patients)
    .where(eq(patients.tenantId, t.tenantId))
    .orderBy(desc(patients.createdAt), desc(patients.mrn))
    .limit(limit);
  t.audit({ action: PATIENT_AUDIT_ACTIONS.search, details: { recent: true, results: rows.length } });
  return rows;
}
