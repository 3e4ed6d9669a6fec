// Applying a template: one transaction, idempotent, recorded; upgrades list additions and add only what
// the admin chose (decision 040).
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, beds, departments, formularyItems, hospitalTemplates, noteForms, rooms, services, workflowSteps } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { addTemplateItems, applyTemplate, applyTemplateData, diffTemplate, getAppliedTemplate } from "~/templates/apply-template.server";
import { DISTRICT_TEMPLATE, findTemplate, type RegisteredTemplate } from "~/templates/registry.server";
import { createTestHospital } from "../support/factories";

const actor = systemActor("tests");
const run = <T>(id: string, fn: Parameters<typeof withTenant<T>>[2]) => withTenant(id, actor, fn);

async function counts(id: string) {
  return run(id, async (t) => {
    const n = async (table: typeof rooms | typeof beds | typeof services | typeof formularyItems | typeof noteForms | typeof workflowSteps | typeof hospitalTemplates | typeof departments) =>
      (await t.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.tenantId, t.tenantId)))[0]!.n;
    return {
      departments: await n(departments),
      rooms: await n(rooms),
      beds: await n(beds),
      services: await n(services),
      formulary: await n(formularyItems),
      noteForms: await n(noteForms),
      workflow: await n(workflowSteps),
      record: await n(hospitalTemplates),
    };
  });
}

async function auditCount(id: string) {
  return run(id, async (t) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.tenantId, t.tenantId)))[0]!.n);
}

const district = findTemplate(DISTRICT_TEMPLATE)!;

/** The district template as a fictitious 1.0.0: without two rooms, some beds, services, a drug, a form. */
function olderDistrict(): RegisteredTemplate {
  const template = structuredClone(district.template);
  template.version = "1.0.0";
  template.departments = template.departments.filter((d) => d.code !== "YHCT");
  template.rooms = template.rooms
    .filter((r) => r.code !== "K08" && r.code !== "K09")
    .map((r) => (r.code === "NOI1" ? { ...r, beds: r.beds!.slice(0, 6) } : r));
  template.services = template.services.filter((s) => !s.code.startsWith("YHCT-") && s.code !== "XN-HBA1C");
  template.orderSets = template.orderSets.filter((o) => o.code !== "BO-DTD");
  template.formulary = template.formulary.filter((d) => d.code !== "METF500");
  template.noteForms = template.noteForms.filter((f) => f.code !== "YHCT");
  return { template, contentHash: "older" };
}

describe("applyTemplate", () => {
  let hospital: Awaited<ReturnType<typeof createTestHospital>>;
  beforeAll(async () => {
    hospital = await createTestHospital("Bệnh viện Mẫu");
  });

  it("copies the whole template in and records its code and version", async () => {
    const applied = await run(hospital.id, (t) => applyTemplate(t, DISTRICT_TEMPLATE));
    expect(applied).toMatchObject({ code: DISTRICT_TEMPLATE, version: district.template.version, contentHash: district.contentHash });
    const c = await counts(hospital.id);
    const tpl = district.template;
    expect(c).toEqual({
      // The test hospital already had KB and NOI: kept, not doubled.
      departments: tpl.departments.length,
      rooms: tpl.rooms.length,
      beds: tpl.rooms.reduce((n, r) => n + (r.beds?.length ?? 0), 0),
      services: tpl.services.length,
      formulary: tpl.formulary.length,
      noteForms: tpl.noteForms.length,
      workflow: tpl.workflow.length,
      record: 1,
    });
    const [glucose] = await run(hospital.id, (t) =>
      t.db
        .select({ unit: services.resultUnit, low: services.referenceLow, high: services.referenceHigh, room: rooms.code })
        .from(services)
        .innerJoin(rooms, and(eq(rooms.tenantId, services.tenantId), eq(rooms.id, services.roomId)))
        .where(and(eq(services.tenantId, t.tenantId), eq(services.code, "XN-GLU"))),
    );
    expect(glucose).toEqual({ unit: "mmol/L", low: "3.9", high: "6.4", room: "XN" });
  });

  it("is idempotent: applying again writes nothing, not even an audit entry, and keeps the hospital's edits", async () => {
    await run(hospital.id, (t) => t.db.update(rooms).set({ name: "Phòng khám Nội A" }).where(and(eq(rooms.tenantId, t.tenantId), eq(rooms.code, "K01"))));
    const before = await counts(hospital.id);
    const audits = await auditCount(hospital.id);
    await run(hospital.id, (t) => applyTemplate(t, DISTRICT_TEMPLATE));
    expect(await counts(hospital.id)).toEqual(before);
    expect(await auditCount(hospital.id)).toBe(audits);
    const [k01] = await run(hospital.id, (t) => t.db.select({ name: rooms.name }).from(rooms).where(and(eq(rooms.tenantId, t.tenantId), eq(rooms.code, "K01"))));
    expect(k01!.name).toBe("Phòng khám Nội A");
  });

  it("is one transaction: a failure at the end leaves nothing behind", async () => {
    const fresh = await createTestHospital("Bệnh viện Lỗi");
    const before = await counts(fresh.id);
    await expect(
      run(fresh.id, async (t) => {
        await applyTemplate(t, DISTRICT_TEMPLATE);
        throw new Error("injected failure after the last insert");
      }),
    ).rejects.toThrow("injected failure");
    expect(await counts(fresh.id)).toEqual(before);
    expect(await run(fresh.id, (t) => getAppliedTemplate(t))).toBeNull();
  });

  it("refuses a template whose role holds an unknown permission, and writes nothing", async () => {
    const fresh = await createTestHospital("Bệnh viện Quyền lạ");
    const bad = structuredClone(district);
    bad.template.roles[0]!.permissions.push("patient:delete");
    await expect(run(fresh.id, (t) => applyTemplateData(t, bad))).rejects.toThrow(/unknown permission/);
    expect((await counts(fresh.id)).rooms).toBe(0);
  });

  it("keeps each hospital's configuration to itself", async () => {
    const other = await createTestHospital("Bệnh viện Khác");
    const seen = await run(other.id, (t) => t.db.select({ code: services.code }).from(services));
    expect(seen).toEqual([]);
    const fromA = await run(hospital.id, (t) => t.db.select({ tenant: services.tenantId }).from(services));
    expect(new Set(fromA.map((r) => r.tenant))).toEqual(new Set([hospital.id]));
  });
});

describe("upgrades", () => {
  it("list what a newer version adds, and add only what the admin chose", async () => {
    const h = await createTestHospital("Bệnh viện Nâng cấp");
    await run(h.id, (t) => applyTemplateData(t, olderDistrict()));
    const diff = (await run(h.id, (t) => diffTemplate(t)))!;
    expect(diff.applied.version).toBe("1.0.0");
    expect(diff.newer).toBe(true);
    expect(diff.latest.version).toBe(district.template.version);
    const keys = diff.additions.map((a) => a.key).sort();
    expect(keys).toEqual(
      [
        "department:YHCT",
        "room:K08",
        "room:K09",
        "bed:NOI1/N1-07",
        "bed:NOI1/N1-08",
        "service:XN-HBA1C",
        ...district.template.services.filter((s) => s.code.startsWith("YHCT-")).map((s) => `service:${s.code}`),
        "orderSet:BO-DTD",
        "formulary:METF500",
        "noteForm:YHCT",
      ].sort(),
    );

    // Nothing changes by itself.
    const before = await counts(h.id);
    expect((await run(h.id, (t) => diffTemplate(t)))!.additions.length).toBe(keys.length);
    expect(await counts(h.id)).toEqual(before);

    // The admin takes the traditional medicine clinic (its department comes with it) and the order set
    // (its HbA1c service comes with it), and one bed; not the drug.
    const added = await run(h.id, (t) => addTemplateItems(t, ["room:K08", "orderSet:BO-DTD", "bed:NOI1/N1-07", "formulary:NOPE"]));
    expect(added.sort()).toEqual(["bed:NOI1/N1-07", "orderSet:BO-DTD", "room:K08"]);
    const after = await run(h.id, (t) => diffTemplate(t));
    expect(after!.applied.version).toBe(district.template.version);
    expect(after!.newer).toBe(false);
    const left = after!.additions.map((a) => a.key);
    expect(left).toContain("formulary:METF500");
    expect(left).toContain("room:K09");
    expect(left).not.toContain("department:YHCT");
    expect(left).not.toContain("service:XN-HBA1C");
    expect(left).not.toContain("bed:NOI1/N1-07");
    expect(left).toContain("bed:NOI1/N1-08");
  });

  it("adds in one transaction: a failure leaves the hospital as it was", async () => {
    const h = await createTestHospital("Bệnh viện Nâng cấp lỗi");
    await run(h.id, (t) => applyTemplateData(t, olderDistrict()));
    const before = await counts(h.id);
    await expect(
      run(h.id, async (t) => {
        await addTemplateItems(t, ["room:K08", "formulary:METF500"]);
        throw new Error("injected");
      }),
    ).rejects.toThrow("injected");
    expect(await counts(h.id)).toEqual(before);
    expect((await run(h.id, (t) => getAppliedTemplate(t)))!.version).toBe("1.0.0");
  });
});
