// The demo hospitals' outpatient day: a triage room and two clinic rooms, a general note form (each only
// if the hospital has none by that code; the district template the seed applies provides them) and a few
// patients waiting today in the internal-medicine room, so the worklist is not empty on first sign-in.
import { and, asc, eq, sql } from "drizzle-orm";
import { noteForms, patients, rooms, visits } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { todayInVietnam } from "~/patients/vietnam-date";

const DEMO_ROOMS = [
  { code: "PL", name: "Phòng phân loại", kind: "triage" as const, specialty: null },
  { code: "K01", name: "Phòng khám Nội", kind: "clinic" as const, specialty: "internal" },
  { code: "K02", name: "Phòng khám Nhi", kind: "clinic" as const, specialty: "paediatrics" },
];

const WAITING_TODAY = 4;

export async function ensureDemoVisits(t: TenantTx): Promise<number> {
  for (const room of DEMO_ROOMS) {
    await t.db.insert(rooms).values({ tenantId: t.tenantId, ...room }).onConflictDoNothing();
  }
  await t.db
    .insert(noteForms)
    .values({ tenantId: t.tenantId, code: "general", specialty: "general", name: "Khám bệnh chung", fields: [] })
    .onConflictDoNothing();
  const [clinic] = await t.db.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.tenantId, t.tenantId), eq(rooms.code, "K01")));
  if (!clinic) return 0;
  const day = todayInVietnam();
  const [{ count }] = (await t.db
    .select({ count: sql<number>`count(*)::int` })
    .from(visits)
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.roomId, clinic.id), eq(visits.visitDate, day)))) as [{ count: number }];
  if (count > 0) return 0;
  const waiting = await t.db.select({ id: patients.id }).from(patients).where(eq(patients.tenantId, t.tenantId)).orderBy(asc(patients.mrn)).limit(WAITING_TODAY);
  let queue = 0;
  for (const patient of waiting) {
    queue += 1;
    await t.db.insert(visits).values({ tenantId: t.tenantId, patientId: patient.id, roomId: clinic.id, visitDate: day, queueNumber: queue, payer: queue % 2 ? "insurance" : "self_pay" });
  }
  return queue;
}
