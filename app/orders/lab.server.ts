// The lab and imaging rooms' side: their worklist (pending, and done today) and entering a result.
// A result is a new row; a correction is a new row that supersedes the current one (decision 048).
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { orderResults, orders, patients, rooms, services, visits, type OrderStatus, type ResultKind, type Sex } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { StaleWriteError } from "~/lib/concurrency.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { flagResult, type ResultView, type WorklistView } from "./order";
import { currentResults, isCurrentResult } from "./orders.server";

export const LAB_ROOM_KINDS = ["lab", "imaging"] as const;

export type ResultRoom = { id: string; code: string; name: string; kind: string; pending: number };

/** The hospital's active lab and imaging rooms, by code, each with how many orders wait there. */
export async function listResultRooms(t: TenantTx): Promise<ResultRoom[]> {
  return t.db
    .select({
      id: rooms.id,
      code: rooms.code,
      name: rooms.name,
      kind: rooms.kind,
      // Spelled out: drizzle leaves a selected column unqualified, which inside this subquery would
      // name the order's own id.
      pending: sql<number>`(select count(*)::int from orders o
        where o.tenant_id = rooms.tenant_id and o.room_id = rooms.id and o.status in ('ordered', 'in_progress'))`,
    })
    .from(rooms)
    .where(and(eq(rooms.tenantId, t.tenantId), eq(rooms.active, true), inArray(rooms.kind, [...LAB_ROOM_KINDS])))
    .orderBy(asc(rooms.code));
}

export type WorklistRow = {
  id: string;
  status: OrderStatus;
  orderedAt: string;
  resultedAt: string | null;
  serviceCode: string;
  serviceName: string;
  patientId: string;
  patientName: string;
  patientMrn: string;
  patientBirthDate: string;
  patientSex: Sex;
  queueNumber: number;
  result: ResultView | null;
};

/** Midnight today in Vietnam, as an instant (Vietnam has no daylight saving: UTC+7 all year). */
export function startOfTodayInVietnam(now: Date = new Date()): Date {
  return new Date(`${todayInVietnam(now)}T00:00:00+07:00`);
}

/**
 * A room's worklist: pending (ordered or in progress, oldest first) or done today (newest first, with
 * the results: an audited read of each).
 */
export async function listWorklist(t: TenantTx, roomId: string, view: WorklistView, now: Date = new Date()): Promise<WorklistRow[]> {
  if (!isUuid(roomId)) return [];
  const statusFilter =
    view === "pending"
      ? inArray(orders.status, ["ordered", "in_progress"])
      : and(eq(orders.status, "resulted"), gte(orders.resultedAt, startOfTodayInVietnam(now)));
  const rows = await t.db
    .select({
      id: orders.id,
      status: orders.status,
      createdAt: orders.createdAt,
      resultedAt: orders.resultedAt,
      serviceCode: services.code,
      serviceName: services.name,
      patientId: patients.id,
      patientName: patients.fullName,
      patientMrn: patients.mrn,
      patientBirthDate: patients.birthDate,
      patientSex: patients.sex,
      queueNumber: visits.queueNumber,
    })
    .from(orders)
    .innerJoin(services, and(eq(services.tenantId, orders.tenantId), eq(services.id, orders.serviceId)))
    .innerJoin(patients, and(eq(patients.tenantId, orders.tenantId), eq(patients.id, orders.patientId)))
    .innerJoin(visits, and(eq(visits.tenantId, orders.tenantId), eq(visits.id, orders.visitId)))
    .where(and(eq(orders.tenantId, t.tenantId), eq(orders.roomId, roomId), statusFilter))
    .orderBy(view === "pending" ? asc(orders.createdAt) : desc(orders.resultedAt))
    .limit(200);
  const results = view === "done" ? await currentResults(t, rows.map((r) => r.id), "worklist") : new Map<string, ResultView>();
  return rows.map(({ createdAt, resultedAt, ...row }) => ({
    ...row,
    orderedAt: createdAt.toISOString(),
    resultedAt: resultedAt?.toISOString() ?? null,
    result: results.get(row.id) ?? null,
  }));
}

export type OrderForResult = {
  id: string;
  visitId: string;
  patientId: string;
  roomId: string;
  status: OrderStatus;
  version: number;
  orderedAt: string;
  service: { code: string; name: string; resultKind: ResultKind | null; unit: string | null; referenceLow: string | null; referenceHigh: string | null };
  patient: { mrn: string; fullName: string; birthDate: string; sex: Sex };
  /** The current result, when there is one (an audited read): entering another corrects it. */
  result: ResultView | null;
};

/** One order as the result-entry page needs it, or null when it is not an order of this hospital. */
export async function getOrderForResult(t: TenantTx, orderId: string): Promise<OrderForResult | null> {
  if (!isUuid(orderId)) return null;
  const [row] = await t.db
    .select({
      id: orders.id,
      visitId: orders.visitId,
      patientId: orders.patientId,
      roomId: orders.roomId,
      status: orders.status,
      version: orders.version,
      createdAt: orders.createdAt,
      service: {
        code: services.code,
        name: services.name,
        resultKind: services.resultKind,
        unit: services.resultUnit,
        referenceLow: services.referenceLow,
        referenceHigh: services.referenceHigh,
      },
      patient: { mrn: patients.mrn, fullName: patients.fullName, birthDate: patients.birthDate, sex: patients.sex },
    })
    .from(orders)
    .innerJoin(services, and(eq(services.tenantId, orders.tenantId), eq(services.id, orders.serviceId)))
    .innerJoin(patients, and(eq(patients.tenantId, orders.tenantId), eq(patients.id, orders.patientId)))
    .where(and(eq(orders.tenantId, t.tenantId), eq(orders.id, orderId)));
  if (!row) return null;
  const results = row.status === "resulted" ? await currentResults(t, [row.id], "result-entry") : new Map<string, ResultView>();
  const { createdAt, ...rest } = row;
  return { ...rest, orderedAt: createdAt.toISOString(), result: results.get(row.id) ?? null };
}

export type ResultInput = { valueNumeric: string | null; valueText: string | null };

export type EnterResultOutcome = { ok: true; resultId: string } | { ok: false; reason: "notFound" | "cancelled" };

/**
 * Records a result on an order at `expectedVersion` (a stale version throws StaleWriteError): a new
 * row with the service's unit and range and the computed flag; if the order already has a result, the
 * new row supersedes it. The order becomes `resulted`.
 */
export async function enterResult(t: TenantTx, orderId: string, expectedVersion: number, input: ResultInput): Promise<EnterResultOutcome> {
  if (!isUuid(orderId)) return { ok: false, reason: "notFound" };
  const [order] = await t.db
    .select({
      id: orders.id,
      patientId: orders.patientId,
      status: orders.status,
      version: orders.version,
      unit: services.resultUnit,
      referenceLow: services.referenceLow,
      referenceHigh: services.referenceHigh,
    })
    .from(orders)
    .innerJoin(services, and(eq(services.tenantId, orders.tenantId), eq(services.id, orders.serviceId)))
    .where(and(eq(orders.tenantId, t.tenantId), eq(orders.id, orderId)))
    .for("update", { of: orders });
  if (!order) return { ok: false, reason: "notFound" };
  if (order.status === "cancelled") return { ok: false, reason: "cancelled" };
  if (order.version !== expectedVersion) {
    throw new StaleWriteError({ entityType: "orders", entityId: orderId, expectedVersion, currentVersion: order.version });
  }
  // The current row of the chain, which the new one supersedes (none for a first result).
  const [current] = await t.db
    .select({ id: orderResults.id })
    .from(orderResults)
    .where(
      and(
        eq(orderResults.tenantId, t.tenantId),
        eq(orderResults.orderId, orderId),
        isCurrentResult(),
      ),
    );
  const numeric = input.valueNumeric;
  const [row] = await t.db
    .insert(orderResults)
    .values({
      tenantId: t.tenantId,
      orderId,
      patientId: order.patientId,
      valueNumeric: numeric,
      valueText: input.valueText,
      unit: numeric !== null ? order.unit : null,
      referenceLow: numeric !== null ? order.referenceLow : null,
      referenceHigh: numeric !== null ? order.referenceHigh : null,
      flag: numeric !== null ? flagResult(numeric, order.referenceLow, order.referenceHigh) : null,
      supersedesId: current?.id ?? null,
      enteredBy: t.actor.userId,
    })
    .returning({ id: orderResults.id });
  await t.db
    .update(orders)
    .set({ status: "resulted", resultedAt: new Date(), version: sql`${orders.version} + 1` })
    .where(and(eq(orders.tenantId, t.tenantId), eq(orders.id, orderId)));
  return { ok: true, resultId: row!.id };
}
