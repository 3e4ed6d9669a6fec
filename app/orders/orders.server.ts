// Ordering lab and imaging services on a visit, and reading what came back. Results are read through
// one function (currentResults) that writes a `result.read` audit entry per result shown, whoever
// reads them: the doctor on the visit, the lab's done list, the chart summary, a printout.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { orderResults, orders, orderSets, services, visits, type ServiceKind } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { updateVersioned } from "~/lib/concurrency.server";
import { ORDER_AUDIT_ACTIONS, RESULT_ENTITY_TYPE, type OrderView, type ResultView } from "./order";

export const ORDERABLE_KINDS: readonly ServiceKind[] = ["lab", "imaging"];

export type OrderableService = { id: string; code: string; name: string; kind: ServiceKind; roomId: string | null; unit: string | null };
export type OrderSetView = { code: string; name: string; serviceCodes: string[] };

/** The hospital's active lab and imaging services that have a room to go to, and its active order sets. */
export async function listOrderCatalog(t: TenantTx): Promise<{ services: OrderableService[]; orderSets: OrderSetView[] }> {
  const list = await t.db
    .select({ id: services.id, code: services.code, name: services.name, kind: services.kind, roomId: services.roomId, unit: services.resultUnit })
    .from(services)
    .where(and(eq(services.tenantId, t.tenantId), eq(services.active, true), inArray(services.kind, [...ORDERABLE_KINDS])))
    .orderBy(asc(services.kind), asc(services.code));
  const sets = await t.db
    .select({ code: orderSets.code, name: orderSets.name, serviceCodes: orderSets.serviceCodes })
    .from(orderSets)
    .where(and(eq(orderSets.tenantId, t.tenantId), eq(orderSets.active, true)))
    .orderBy(asc(orderSets.code));
  return { services: list.filter((s) => s.roomId !== null), orderSets: sets };
}

export type PlaceOrdersOutcome =
  | { ok: true; created: number }
  | { ok: false; reason: "visitNotFound" | "visitSigned" | "nothingChosen" | "unknownService" };

/**
 * Orders services (by id) on a visit; an order set adds its services by code. A service already
 * ordered on the visit and not cancelled is not ordered twice. A signed visit takes no new orders.
 */
export async function placeOrders(
  t: TenantTx,
  visitId: string,
  choice: { serviceIds: string[]; orderSetCode?: string | null },
): Promise<PlaceOrdersOutcome> {
  if (!isUuid(visitId)) return { ok: false, reason: "visitNotFound" };
  const [visit] = await t.db
    .select({ id: visits.id, patientId: visits.patientId, signedAt: visits.signedAt, status: visits.status })
    .from(visits)
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, visitId)))
    .for("update");
  if (!visit) return { ok: false, reason: "visitNotFound" };
  if (visit.signedAt !== null || visit.status === "cancelled") return { ok: false, reason: "visitSigned" };

  const catalog = await listOrderCatalog(t);
  const byId = new Map(catalog.services.map((s) => [s.id, s]));
  const byCode = new Map(catalog.services.map((s) => [s.code, s]));
  const wanted: { service: OrderableService; setCode: string | null }[] = [];
  for (const id of choice.serviceIds) {
    const service = byId.get(id);
    if (!service) return { ok: false, reason: "unknownService" };
    wanted.push({ service, setCode: null });
  }
  if (choice.orderSetCode) {
    const set = catalog.orderSets.find((s) => s.code === choice.orderSetCode);
    if (!set) return { ok: false, reason: "unknownService" };
    for (const code of set.serviceCodes) {
      const service = byCode.get(code);
      // A set may name a service the hospital has since deactivated: the rest is still ordered.
      if (service) wanted.push({ service, setCode: set.code });
    }
  }
  if (wanted.length === 0) return { ok: false, reason: "nothingChosen" };

  const existing = await t.db
    .select({ serviceId: orders.serviceId })
    .from(orders)
    .where(and(eq(orders.tenantId, t.tenantId), eq(orders.visitId, visitId), sql`${orders.status} <> 'cancelled'`));
  const taken = new Set(existing.map((o) => o.serviceId));
  const rows = [];
  for (const { service, setCode } of wanted) {
    if (taken.has(service.id)) continue;
    taken.add(service.id);
    rows.push({
      tenantId: t.tenantId,
      visitId,
      patientId: visit.patientId,
      serviceId: service.id,
      roomId: service.roomId!,
      orderedBy: t.actor.userId,
      orderSetCode: setCode,
    });
  }
  if (rows.length > 0) await t.db.insert(orders).values(rows);
  return { ok: true, created: rows.length };
}

/** Cancels an order that has no result yet; null when it is not an order of this visit. */
export async function cancelOrder(
  t: TenantTx,
  visitId: string,
  orderId: string,
  expectedVersion: number,
): Promise<"cancelled" | "notCancellable" | null> {
  if (!isUuid(orderId) || !isUuid(visitId)) return null;
  const [order] = await t.db
    .select({ status: orders.status, signedAt: visits.signedAt })
    .from(orders)
    .innerJoin(visits, and(eq(visits.tenantId, orders.tenantId), eq(visits.id, orders.visitId)))
    .where(and(eq(orders.tenantId, t.tenantId), eq(orders.id, orderId), eq(orders.visitId, visitId)));
  if (!order) return null;
  if (order.status !== "ordered" || order.signedAt !== null) return "notCancellable";
  const updated = await updateVersioned(t, orders, orderId, expectedVersion, { status: "cancelled", cancelledAt: new Date(), cancelledBy: t.actor.userId });
  return updated ? "cancelled" : null;
}

/** The result row no other row supersedes: the current one of its correction chain (decision 048). */
export function isCurrentResult(): SQL {
  return sql`not exists (select 1 from order_results later_result
    where later_result.tenant_id = ${orderResults.tenantId} and later_result.supersedes_id = ${orderResults.id})`;
}

/**
 * The current result of each order (the row no other row supersedes), keyed by order id. Writes one
 * `result.read` audit entry per result returned: this is the only way results are read.
 */
export async function currentResults(t: TenantTx, orderIds: readonly string[], why: string): Promise<Map<string, ResultView>> {
  const found = new Map<string, ResultView>();
  if (orderIds.length === 0) return found;
  const rows = await t.db
    .select({
      id: orderResults.id,
      orderId: orderResults.orderId,
      patientId: orderResults.patientId,
      valueNumeric: orderResults.valueNumeric,
      valueText: orderResults.valueText,
      unit: orderResults.unit,
      referenceLow: orderResults.referenceLow,
      referenceHigh: orderResults.referenceHigh,
      flag: orderResults.flag,
      supersedesId: orderResults.supersedesId,
      enteredBy: orderResults.enteredBy,
      createdAt: orderResults.createdAt,
    })
    .from(orderResults)
    .where(
      and(
        eq(orderResults.tenantId, t.tenantId),
        inArray(orderResults.orderId, [...orderIds]),
        isCurrentResult(),
      ),
    );
  for (const row of rows) {
    found.set(row.orderId, {
      id: row.id,
      valueNumeric: row.valueNumeric,
      valueText: row.valueText,
      unit: row.unit,
      referenceLow: row.referenceLow,
      referenceHigh: row.referenceHigh,
      flag: row.flag,
      corrected: row.supersedesId !== null,
      enteredAt: row.createdAt.toISOString(),
      enteredBy: row.enteredBy,
    });
    t.audit({ action: ORDER_AUDIT_ACTIONS.resultRead, entityType: RESULT_ENTITY_TYPE, entityId: row.id, patientId: row.patientId, details: { via: why } });
  }
  return found;
}

const orderColumns = {
  id: orders.id,
  visitId: orders.visitId,
  patientId: orders.patientId,
  serviceCode: services.code,
  serviceName: services.name,
  serviceKind: services.kind,
  resultKind: services.resultKind,
  status: orders.status,
  version: orders.version,
  createdAt: orders.createdAt,
};

/** A visit's orders, oldest first, with their current results (an audited read of each result). */
export async function listVisitOrders(t: TenantTx, visitId: string, why = "visit"): Promise<OrderView[]> {
  if (!isUuid(visitId)) return [];
  const rows = await t.db
    .select(orderColumns)
    .from(orders)
    .innerJoin(services, and(eq(services.tenantId, orders.tenantId), eq(services.id, orders.serviceId)))
    .where(and(eq(orders.tenantId, t.tenantId), eq(orders.visitId, visitId)))
    .orderBy(asc(orders.createdAt), asc(services.code));
  const results = await currentResults(
    t,
    rows.filter((r) => r.status === "resulted").map((r) => r.id),
    why,
  );
  return rows.map(({ createdAt, ...row }) => ({ ...row, orderedAt: createdAt.toISOString(), result: results.get(row.id) ?? null }));
}

export type PatientResult = OrderView & { visitDate: string };

/**
 * For the chart summary: the patient's latest results (newest first, at most `limit`), each an audited
 * read. Cancelled and pending orders are left out.
 */
export async function listResultsForPatient(t: TenantTx, patientId: string, limit = 20): Promise<PatientResult[]> {
  if (!isUuid(patientId)) return [];
  const rows = await t.db
    .select({ ...orderColumns, visitDate: visits.visitDate })
    .from(orders)
    .innerJoin(services, and(eq(services.tenantId, orders.tenantId), eq(services.id, orders.serviceId)))
    .innerJoin(visits, and(eq(visits.tenantId, orders.tenantId), eq(visits.id, orders.visitId)))
    .where(and(eq(orders.tenantId, t.tenantId), eq(orders.patientId, patientId), eq(orders.status, "resulted")))
    .orderBy(desc(orders.resultedAt))
    .limit(limit);
  const results = await currentResults(
    t,
    rows.map((r) => r.id),
    "chart",
  );
  return rows.map(({ createdAt, ...row }) => ({ ...row, orderedAt: createdAt.toISOString(), result: results.get(row.id) ?? null }));
}
