// What the order, result and prescription tests need, made directly until reception and the district
// template are merged: the demo order catalog (rooms XN and CDHA, services XN-CTM, XN-GLU, CDHA-XQ-NGUC,
// formulary PARA500, AMOX500, AUGM625), a patient and a visit today.
import { and, eq } from "drizzle-orm";
import { orders, visits } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { ensureOrderCatalog, type OrderCatalog } from "~/demo/demo-orders";
import { placeOrders } from "~/orders/orders.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { createTestPatient } from "../support/factories";

export async function createOrderCatalog(hospitalId: string): Promise<OrderCatalog> {
  return withTenant(hospitalId, systemActor("tests"), (t) => ensureOrderCatalog(t));
}

let queue = 0;

/** A new patient with a visit today in the clinic room. */
export async function createTestVisit(hospitalId: string, catalog: OrderCatalog, fullName = "Trần Văn Khám") {
  const patient = await createTestPatient(hospitalId, { fullName });
  return { patient, visitId: await createVisitFor(hospitalId, catalog, patient.id) };
}

/** Another visit today for a patient who has one. */
export async function createVisitFor(hospitalId: string, catalog: OrderCatalog, patientId: string): Promise<string> {
  return withTenant(hospitalId, systemActor("tests"), async (t) => {
    const [visit] = await t.db
      .insert(visits)
      .values({
        tenantId: t.tenantId,
        patientId,
        roomId: catalog.rooms.KB!,
        visitDate: todayInVietnam(),
        queueNumber: ++queue + Math.floor(Math.random() * 100_000),
        payer: "insurance",
        status: "in_progress",
      })
      .returning({ id: visits.id });
    return visit!.id;
  });
}

/** Signs the visit as the visit core would (visits.signed_at), for the "no changes after signing" rule. */
export async function signTestVisit(hospitalId: string, visitId: string) {
  await withTenant(hospitalId, systemActor("tests"), (t) =>
    t.db.update(visits).set({ signedAt: new Date(), status: "done" }).where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, visitId))),
  );
}

/** A visit with a glucose order on it: the door test's sample of :visitId and :orderId. */
export async function createTestVisitWithOrder(hospitalId: string, catalog: OrderCatalog) {
  const { visitId } = await createTestVisit(hospitalId, catalog, "Lê Thị Cửa");
  const orderId = await withTenant(hospitalId, systemActor("tests"), async (t) => {
    const outcome = await placeOrders(t, visitId, { serviceIds: [catalog.services["XN-GLU"]!] });
    if (!outcome.ok) throw new Error(`fixture order refused: ${outcome.reason}`);
    const [order] = await t.db.select({ id: orders.id }).from(orders).where(and(eq(orders.tenantId, t.tenantId), eq(orders.visitId, visitId)));
    return order!.id;
  });
  return { visitId, orderId };
}
