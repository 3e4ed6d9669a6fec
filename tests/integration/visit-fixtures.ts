// What the visit tests need until the hospital templates (rooms, note forms) and reception's "start a
// visit" land: a hospital's rooms and general note form, and a visit started the way reception will.
import { and, eq, sql } from "drizzle-orm";
import { noteForms, rooms, visits } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { todayInVietnam } from "~/patients/vietnam-date";

export type VisitRooms = { triage: string; internal: string; paediatrics: string };

export async function createVisitRooms(hospitalId: string): Promise<VisitRooms> {
  return withTenant(hospitalId, systemActor("tests"), async (t) => {
    const made = await t.db
      .insert(rooms)
      .values([
        { tenantId: t.tenantId, code: "PL", name: "Phòng phân loại", kind: "triage" as const },
        { tenantId: t.tenantId, code: "K01", name: "Phòng khám Nội", kind: "clinic" as const, specialty: "internal" },
        { tenantId: t.tenantId, code: "K02", name: "Phòng khám Nhi", kind: "clinic" as const, specialty: "paediatrics" },
      ])
      .returning({ id: rooms.id, code: rooms.code });
    await t.db.insert(noteForms).values([
      { tenantId: t.tenantId, code: "general", specialty: "general", name: "Khám bệnh chung", fields: [] },
      {
        tenantId: t.tenantId,
        code: "paediatrics",
        specialty: "paediatrics",
        name: "Khám Nhi",
        fields: [{ key: "feeding", label: { vi: "Dinh dưỡng", en: "Feeding" }, type: "text" }],
      },
    ]);
    const id = (code: string) => made.find((r) => r.code === code)!.id;
    return { triage: id("PL"), internal: id("K01"), paediatrics: id("K02") };
  });
}

/** A visit queued in a room today, with the room's next queue number (reception's job, simplified). */
export async function startVisitForTest(hospitalId: string, patientId: string, roomId: string, day = todayInVietnam()) {
  return withTenant(hospitalId, systemActor("tests"), async (t) => {
    // One queue per room and day: serialise numbering for this room.
    await t.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${roomId} ${day}`}))`);
    const [{ next }] = (await t.db
      .select({ next: sql<number>`coalesce(max(${visits.queueNumber}), 0) + 1` })
      .from(visits)
      .where(and(eq(visits.tenantId, t.tenantId), eq(visits.roomId, roomId), eq(visits.visitDate, day)))) as [{ next: number }];
    const [visit] = await t.db
      .insert(visits)
      .values({ tenantId: t.tenantId, patientId, roomId, visitDate: day, queueNumber: Number(next), payer: "insurance" })
      .returning();
    return visit!;
  });
}
