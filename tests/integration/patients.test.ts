// The patient domain functions against the real database (PGlite, or Postgres when DATABASE_URL is set):
// search, audited reads, record numbers under concurrency, and optimistic concurrency on edits.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, patients } from "~db/schema";
import { type Actor, type TenantTx, withTenant } from "~db/scope.server";
import { isStaleWriteError, StaleWriteError } from "~/lib/concurrency.server";
import { findPatients } from "~/patients/find-patients.server";
import { getPatient } from "~/patients/get-patient.server";
import type { Patient } from "~/patients/patient";
import { registerPatient } from "~/patients/register-patient.server";
import { updatePatient } from "~/patients/update-patient.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;

let hospitalA: Hospital;
let hospitalB: Hospital;
let actorA: Actor;
let an: Patient;
let duc: Patient;
let anInB: Patient;

const asA = <T>(fn: (t: TenantTx) => Promise<T>) => withTenant(hospitalA.id, actorA, fn);

// In the order written: seq is filled by the chainer after commit (decision 022), so it may still be null.
async function auditOf(tenantId: string, action: string) {
  return withTenant(tenantId, actorA, (t) =>
    t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.action, action)))
      .orderBy(auditEvents.at),
  );
}

const names = (result: { patients: { fullName: string }[] }) => result.patients.map((p) => p.fullName);

beforeAll(async () => {
  hospitalA = await createTestHospital("Bệnh viện A");
  hospitalB = await createTestHospital("Bệnh viện B");
  const staff = await createTestStaff(hospitalA.id, ["receptionist"]);
  actorA = { kind: "user", userId: staff.id, address: "10.0.0.7" };
  an = await createTestPatient(hospitalA.id, { fullName: "Nguyễn Văn An", phone: "0912345678" });
  duc = await createTestPatient(hospitalA.id, { fullName: "Nguyễn Văn Đức", birthDate: "1975-11-20" });
  await createTestPatient(hospitalA.id, { fullName: "Trần Thị Ánh Tuyết", sex: "female", birthDate: "2001-01-09" });
  await createTestPatient(hospitalA.id, { fullName: "Lê Thị Lan", sex: "female", birthDate: "1990-06-30" });
  anInB = await createTestPatient(hospitalB.id, { fullName: "Nguyễn Văn An", phone: "0912345678" });
});

describe("findPatients", () => {
  it("finds a name typed without diacritics or capitals", async () => {
    const result = await asA((t) => findPatients(t, { query: "nguyen van an" }));
    expect(names(result)).toEqual(["Nguyễn Văn An"]);
    expect(result.patients[0]!.id).toBe(an.id);
  });

  it("finds đ both as Đ and as d", async () => {
    for (const query of ["Đức", "duc", "DUC", "nguyễn văn đức"]) {
      const result = await asA((t) => findPatients(t, { query }));
      expect(names(result), query).toEqual(["Nguyễn Văn Đức"]);
    }
  });

  it("finds a name typed with decomposed Unicode marks, as some keyboards send them", async () => {
    const result = await asA((t) => findPatients(t, { query: "Ánh Tuyết".normalize("NFD") }));
    expect(names(result)).toEqual(["Trần Thị Ánh Tuyết"]);
  });

  it("matches every word of the query, ranking the exact name first", async () => {
    const result = await asA((t) => findPatients(t, { query: "nguyen  an" }));
    expect(names(result)).toEqual(["Nguyễn Văn An"]);
    const both = await asA((t) => findPatients(t, { query: "nguyen van" }));
    expect(names(both)).toEqual(["Nguyễn Văn An", "Nguyễn Văn Đức"]);
  });

  it("finds a patient by record number, exactly or by its beginning", async () => {
    const exact = await asA((t) => findPatients(t, { query: duc.mrn }));
    expect(exact.mode).toBe("number");
    expect(names(exact)).toEqual(["Nguyễn Văn Đức"]);
    const prefix = await asA((t) => findPatients(t, { query: duc.mrn.slice(0, 4) }));
    expect(prefix.total).toBe(4);
    const unknown = await asA((t) => findPatients(t, { query: "99999999" }));
    expect(unknown.total).toBe(0);
  });

  it("finds a patient by phone number typed with spaces", async () => {
    const result = await asA((t) => findPatients(t, { query: "0912 345 678" }));
    expect(names(result)).toEqual(["Nguyễn Văn An"]);
  });

  it("treats % and _ in the query as plain characters, not wildcards", async () => {
    for (const query of ["%", "_", "n%n", "ng_yen", "\\"]) {
      const result = await asA((t) => findPatients(t, { query }));
      expect(result.total, query).toBe(0);
    }
  });

  it("lists everyone in name order when the query is empty, with a total for paging", async () => {
    const page1 = await asA((t) => findPatients(t, { query: "  ", limit: 3 }));
    expect(page1.mode).toBe("all");
    expect(page1.total).toBe(4);
    expect(names(page1)).toEqual(["Lê Thị Lan", "Nguyễn Văn An", "Nguyễn Văn Đức"]);
    const page2 = await asA((t) => findPatients(t, { limit: 3, offset: 3 }));
    expect(names(page2)).toEqual(["Trần Thị Ánh Tuyết"]);
  });

  it("caps the page size", async () => {
    const result = await asA((t) => findPatients(t, { limit: 10_000 }));
    expect(result.limit).toBe(50);
  });

  it("never shows another hospital's patient of the same name", async () => {
    const inA = await asA((t) => findPatients(t, { query: "Nguyễn Văn An" }));
    expect(inA.patients.map((p) => p.id)).toEqual([an.id]);
    const inB = await withTenant(hospitalB.id, actorA, (t) => findPatients(t, { query: "Nguyễn Văn An" }));
    expect(inB.patients.map((p) => p.id)).toEqual([anInB.id]);
  });

  it("filters by the scope's tenant explicitly, not only through row-level security", async () => {
    // A scope whose tenantId disagrees with the transaction's RLS tenant must see nothing: RLS allows
    // A's rows, the explicit filter allows B's, together none. Without the explicit filter this leaks A.
    const result = await asA((t) => findPatients({ ...t, tenantId: hospitalB.id }, { query: "an" }));
    expect(result.total).toBe(0);
    const read = await asA((t) => getPatient({ ...t, tenantId: hospitalB.id }, an.id));
    expect(read).toBeNull();
  });

  it("records each search in the hospital's audit log with the query and the number of results", async () => {
    await asA((t) => findPatients(t, { query: "Lê Thị Lan" }));
    const entries = await auditOf(hospitalA.id, "patient.search");
    const last = entries.at(-1)!;
    expect(last.details).toEqual({ query: "Lê Thị Lan", results: 1 });
    expect(last.actorId).toBe(actorA.userId);
    expect(last.address).toBe("10.0.0.7");
    const inB = await auditOf(hospitalB.id, "patient.search");
    expect(inB.some((e) => (e.details as { query?: string }).query === "Lê Thị Lan")).toBe(false);
  });
});

describe("getPatient", () => {
  it("returns the patient and records the read of the chart", async () => {
    const before = (await auditOf(hospitalA.id, "patient.read")).length;
    const patient = await asA((t) => getPatient(t, duc.id));
    expect(patient).toMatchObject({ id: duc.id, mrn: duc.mrn, fullName: "Nguyễn Văn Đức", birthDate: "1975-11-20" });
    const reads = await auditOf(hospitalA.id, "patient.read");
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({ patientId: duc.id, entityType: "patients", entityId: duc.id, actorId: actorA.userId });
  });

  it("returns null, without an audit entry, for another hospital's patient or a malformed id", async () => {
    const before = (await auditOf(hospitalA.id, "patient.read")).length;
    expect(await asA((t) => getPatient(t, anInB.id))).toBeNull();
    expect(await asA((t) => getPatient(t, "not-a-uuid"))).toBeNull();
    expect(await asA((t) => getPatient(t, "00000000-0000-0000-0000-000000000000"))).toBeNull();
    expect(await auditOf(hospitalA.id, "patient.read")).toHaveLength(before);
  });
});

describe("registerPatient", () => {
  it("numbers records YY + 6 digits, per hospital", async () => {
    const hospital = await createTestHospital();
    const first = await createTestPatient(hospital.id);
    const second = await createTestPatient(hospital.id);
    const yy = todayInVietnam().slice(2, 4);
    expect(first.mrn).toBe(`${yy}000001`);
    expect(second.mrn).toBe(`${yy}000002`);
    expect(first.version).toBe(1);
  });

  it("gives 20 concurrent registrations distinct, consecutive record numbers", async () => {
    const hospital = await createTestHospital();
    const registered = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createTestPatient(hospital.id, { fullName: `Phạm Văn Thứ ${i + 1}` })),
    );
    const numbers = registered.map((p) => Number(p.mrn.slice(2))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(registered.map((p) => p.mrn)).size).toBe(20);
  });

  it("is audited once, by the database trigger", async () => {
    const hospital = await createTestHospital();
    const patient = await createTestPatient(hospital.id);
    const entries = await withTenant(hospital.id, actorA, (t) =>
      t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.patientId, patient.id))),
    );
    expect(entries.map((e) => e.action)).toEqual(["patients.insert"]);
  });
});

describe("updatePatient", () => {
  it("saves the change and moves the version on", async () => {
    const patient = await createTestPatient(hospitalA.id, { fullName: "Hoàng Văn Cũ" });
    const updated = await asA((t) =>
      updatePatient(t, patient.id, 1, { fullName: "Hoàng Văn Mới", birthDate: "1980-03-05", sex: "male", phone: "0987654321" }),
    );
    expect(updated).toMatchObject({ fullName: "Hoàng Văn Mới", phone: "0987654321", version: 2, mrn: patient.mrn });
    const updates = await withTenant(hospitalA.id, actorA, (t) =>
      t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.patientId, patient.id), eq(auditEvents.action, "patients.update"))),
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]!.details).toEqual({ changed: ["full_name", "phone"] });
  });

  it("refuses a stale version with a conflict and changes nothing", async () => {
    const patient = await createTestPatient(hospitalA.id, { fullName: "Võ Thị Hạnh", sex: "female" });
    const input = { birthDate: "1980-03-05", sex: "female", phone: null } as const;
    await asA((t) => updatePatient(t, patient.id, 1, { ...input, fullName: "Võ Thị Hồng Hạnh" }));

    const stale = await asA((t) => updatePatient(t, patient.id, 1, { ...input, fullName: "Võ Thị Hạnh Cũ" })).catch(
      (error: unknown) => error,
    );
    expect(isStaleWriteError(stale)).toBe(true);
    expect((stale as StaleWriteError).conflict).toEqual({
      entityType: "patients",
      entityId: patient.id,
      expectedVersion: 1,
      currentVersion: 2,
    });
    const [row] = await asA((t) => t.db.select().from(patients).where(eq(patients.id, patient.id)));
    expect(row).toMatchObject({ fullName: "Võ Thị Hồng Hạnh", version: 2 });
  });

  it("returns null for another hospital's patient and leaves it alone", async () => {
    const result = await asA((t) =>
      updatePatient(t, anInB.id, 1, { fullName: "Kẻ Xâm Nhập", birthDate: "1980-03-05", sex: "male", phone: null }),
    );
    expect(result).toBeNull();
    const [row] = await withTenant(hospitalB.id, actorA, (t) => t.db.select().from(patients).where(eq(patients.id, anInB.id)));
    expect(row).toMatchObject({ fullName: "Nguyễn Văn An", version: 1 });
  });
});
