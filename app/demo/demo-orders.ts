// Demo data for orders, results and prescriptions: a lab account and a visit today for one demo patient
// per hospital. The rooms, services and drugs come from the district template the seed applies first;
// ensureOrderCatalog() only adds what a hospital without it lacks. Idempotent: rows found by code are reused.
import { and, eq, sql } from "drizzle-orm";
import { formularyItems, orderSets, patients, rooms, services, visits } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { demoVisitId } from "./demo-orders-data";

type RoomSeed = { code: string; name: string; kind: "clinic" | "lab" | "imaging" };
const ROOMS: RoomSeed[] = [
  { code: "KB", name: "Phòng khám Nội", kind: "clinic" },
  { code: "XN", name: "Phòng Xét nghiệm", kind: "lab" },
  { code: "CDHA", name: "Phòng Chẩn đoán hình ảnh", kind: "imaging" },
];

type ServiceSeed = {
  code: string;
  name: string;
  kind: "exam" | "lab" | "imaging";
  priceVnd: number;
  room: string | null;
  resultKind?: "numeric" | "text";
  resultUnit?: string;
  referenceLow?: string;
  referenceHigh?: string;
};
const SERVICES: ServiceSeed[] = [
  { code: "KB", name: "Khám bệnh", kind: "exam", priceVnd: 39_000, room: null },
  { code: "XN-CTM", name: "Tổng phân tích tế bào máu ngoại vi (công thức máu)", kind: "lab", priceVnd: 46_200, room: "XN", resultKind: "text" },
  {
    code: "XN-GLU",
    name: "Định lượng Glucose máu",
    kind: "lab",
    priceVnd: 21_500,
    room: "XN",
    resultKind: "numeric",
    resultUnit: "mmol/L",
    referenceLow: "3.9",
    referenceHigh: "6.4",
  },
  { code: "CDHA-XQ-NGUC", name: "Chụp X-quang ngực thẳng", kind: "imaging", priceVnd: 65_400, room: "CDHA", resultKind: "text" },
];

const FORMULARY = [
  { code: "PARA500", name: "Paracetamol 500 mg", activeIngredient: "Paracetamol", strength: "500 mg", form: "Viên nén", route: "Uống", unit: "viên", commonDose: "1 viên × 3 lần/ngày" },
  { code: "AMOX500", name: "Amoxicillin 500 mg", activeIngredient: "Amoxicillin", strength: "500 mg", form: "Viên nang", route: "Uống", unit: "viên", commonDose: "1 viên × 3 lần/ngày" },
  { code: "AUGM625", name: "Amoxicillin + Acid clavulanic 625 mg", activeIngredient: "Amoxicillin + Acid clavulanic", strength: "500 mg + 125 mg", form: "Viên nén", route: "Uống", unit: "viên", commonDose: "1 viên × 2 lần/ngày" },
];

const ORDER_SETS = [{ code: "BO-DTD", name: "Theo dõi đái tháo đường", serviceCodes: ["XN-CTM", "XN-GLU"] }];

export type OrderCatalog = { rooms: Record<string, string>; services: Record<string, string>; formulary: Record<string, string> };

/** The rooms, services, formulary and order set above, in this hospital; ids by code. */
export async function ensureOrderCatalog(t: TenantTx): Promise<OrderCatalog> {
  await t.db
    .insert(rooms)
    .values(ROOMS.map((r) => ({ tenantId: t.tenantId, ...r })))
    .onConflictDoNothing();
  const roomRows = await t.db.select({ id: rooms.id, code: rooms.code }).from(rooms).where(eq(rooms.tenantId, t.tenantId));
  const roomIds = Object.fromEntries(roomRows.map((r) => [r.code, r.id]));
  await t.db
    .insert(services)
    .values(
      SERVICES.map(({ room, ...s }) => ({ tenantId: t.tenantId, ...s, roomId: room ? (roomIds[room] ?? null) : null })),
    )
    .onConflictDoNothing();
  await t.db
    .insert(formularyItems)
    .values(FORMULARY.map((f) => ({ tenantId: t.tenantId, ...f })))
    .onConflictDoNothing();
  await t.db
    .insert(orderSets)
    .values(ORDER_SETS.map((o) => ({ tenantId: t.tenantId, ...o })))
    .onConflictDoNothing();
  const serviceRows = await t.db.select({ id: services.id, code: services.code }).from(services).where(eq(services.tenantId, t.tenantId));
  const drugRows = await t.db.select({ id: formularyItems.id, code: formularyItems.code }).from(formularyItems).where(eq(formularyItems.tenantId, t.tenantId));
  return {
    rooms: roomIds,
    services: Object.fromEntries(serviceRows.map((r) => [r.code, r.id])),
    formulary: Object.fromEntries(drugRows.map((r) => [r.code, r.id])),
  };
}

/**
 * The demo patient's visit today in the clinic room, with a predictable id (demoVisitId), queued next;
 * kept as it is when the seed runs again the same day.
 */
export async function ensureDemoVisit(t: TenantTx, slug: string, fullName: string, now: Date = new Date()): Promise<string | null> {
  const catalog = await ensureOrderCatalog(t);
  const clinicRoomId = catalog.rooms.KB!;
  const day = todayInVietnam(now);
  const id = demoVisitId(slug, day);
  const [existing] = await t.db.select({ id: visits.id }).from(visits).where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, id)));
  if (existing) return id;
  const [patient] = await t.db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.tenantId, t.tenantId), eq(patients.fullName, fullName)))
    .limit(1);
  if (!patient) return null;
  const [next] = await t.db
    .select({ n: sql<number>`coalesce(max(${visits.queueNumber}), 0) + 1` })
    .from(visits)
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.roomId, clinicRoomId), eq(visits.visitDate, day)));
  await t.db
    .insert(visits)
    .values({ tenantId: t.tenantId, id, patientId: patient.id, roomId: clinicRoomId, visitDate: day, queueNumber: Number(next!.n), payer: "insurance", status: "in_progress" });
  return id;
}
