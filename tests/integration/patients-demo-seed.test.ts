// The demo seed end to end: what trainers and the browser tests rely on after `npx tsx scripts/seed.ts`.
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { patients, tenants } from "~db/schema";
import { systemActor, withPlatform, withTenant } from "~db/scope.server";
import { DEMO_HOSPITALS } from "~/demo/demo-hospitals";
import { seedDemo } from "~/demo/seed-demo.server";
import { findPatients } from "~/patients/find-patients.server";

async function hospitalId(slug: string): Promise<string> {
  return withPlatform("test: find a demo hospital", async (p) => {
    const [row] = await p.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
    return row!.id;
  });
}

// The list's own count stops at a cap (decision 014), so the seed is counted directly.
const countPatients = (tenantId: string) =>
  withTenant(tenantId, systemActor("tests"), async (t) => {
    const [row] = await t.db.select({ n: count() }).from(patients).where(eq(patients.tenantId, t.tenantId));
    return row!.n;
  });

const search = (tenantId: string, query: string) =>
  withTenant(tenantId, systemActor("tests"), (t) => findPatients(t, { query, limit: 50 }));

describe("seedDemo", () => {
  it("creates both hospitals with staff and patients, and adds nothing when run again", async () => {
    const first = await seedDemo();
    const second = await seedDemo();
    expect(second.hospitals.map((h) => [h.slug, h.created, h.patientsAdded])).toEqual(
      DEMO_HOSPITALS.map((h) => [h.slug, false, 0]),
    );
    expect(second.hospitals.map((h) => h.id)).toEqual(first.hospitals.map((h) => h.id));
    expect(first.logins.map((l) => l.email)).toContain("bacsi@tam-nong.demo");
    expect(new Set(first.logins.map((l) => l.password)).size).toBe(1);
    for (const h of DEMO_HOSPITALS) expect(await countPatients(await hospitalId(h.slug))).toBe(h.patientCount);
  });

  it("lets each hospital find its own Nguyễn Văn An and never the other hospital's distinctive patients", async () => {
    await seedDemo();
    const [tamNong, muongLat] = await Promise.all(DEMO_HOSPITALS.map((h) => hospitalId(h.slug)));
    for (const id of [tamNong!, muongLat!]) {
      expect((await search(id, "nguyen van an")).patients.map((p) => p.fullName)).toEqual(["Nguyễn Văn An"]);
      expect((await search(id, "Nguyen Van Duc")).patients.map((p) => p.fullName)).toEqual(["Nguyễn Văn Đức"]);
    }
    expect((await search(muongLat!, "lo van pang")).patients.map((p) => p.fullName)).toEqual(["Lò Văn Pâng"]);
    expect((await search(tamNong!, "Lò Văn Pâng")).total).toBe(0);
    expect((await search(tamNong!, "Hà Thị Xuân")).total).toBe(0);
    expect((await search(muongLat!, "Huỳnh Thị Mỹ Tiên")).total).toBe(0);
    expect((await search(tamNong!, "huynh thi my tien")).patients.map((p) => p.fullName)).toEqual(["Huỳnh Thị Mỹ Tiên"]);
  });
});
