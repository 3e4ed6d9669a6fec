// The practice copy (decision 043): made in one transaction, with the hospital's configuration and
// staff and made-up patients; isolated both ways; reset archives (kept, locked, never listed) and makes
// a fresh one; a practice copy cannot have one; the checklist reads what each person did in the copy.
import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, beds, departments, memberships, patients, rooms, services, tenants } from "~db/schema";
import { rowsOf, withPlatform, withTenant, type Actor } from "~db/scope.server";
import { openTrainingCopy } from "~db/training-scope.server";
import { findMyHospital, listMyHospitals } from "~/hospitals/list-my-hospitals.server";
import { registerPatient } from "~/patients/register-patient.server";
import { TRAINING_COPIED_TABLES, TRAINING_NOT_COPIED } from "~/training/copied-tables";
import { openPracticeCopy, PRACTICE_PATIENT_COUNT, resetPracticeCopy } from "~/training/open-practice-copy.server";
import { readMyPracticeTasks, readTrainingChecklist } from "~/training/training-progress.server";
import { adminRows, withAdmin } from "../support/admin";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";
import { expectPgError, PG } from "../support/pg-error";
import { tenantTableNames } from "../support/tenant-catalog";

async function refused(work: Promise<unknown>, message: RegExp): Promise<void> {
  expect(await expectPgError(work, PG.insufficientPrivilege)).toMatch(message);
}

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;

const asUser = (userId: string): Actor => ({ kind: "user", userId, address: "127.0.0.1" });

let real: Hospital;
let other: Hospital;
let admin: { id: string };
let nurse: { id: string };
let realPatientName: string;
let otherPatientName: string;

async function seedConfiguration(hospitalId: string): Promise<void> {
  await withTenant(hospitalId, asUser(admin.id), async (t) => {
    const [department] = await t.db.select({ id: departments.id }).from(departments).where(eq(departments.tenantId, t.tenantId)).limit(1);
    const [room] = await t.db
      .insert(rooms)
      .values({ tenantId: t.tenantId, code: "P101", name: "Phòng khám Nội 1", kind: "clinic", departmentId: department!.id, specialty: "noi" })
      .returning({ id: rooms.id });
    await t.db.insert(beds).values([
      { tenantId: t.tenantId, roomId: room!.id, code: "G1" },
      { tenantId: t.tenantId, roomId: room!.id, code: "G2" },
    ]);
    await t.db.insert(services).values({
      tenantId: t.tenantId,
      code: "KB01",
      nationalCode: "02.1896",
      name: "Khám Nội",
      kind: "exam",
      priceVnd: 34_500,
      roomId: room!.id,
      referenceLow: "3.5",
    });
  });
}

async function liveCopyOf(hospitalId: string) {
  const [row] = await withPlatform("test: the live practice copy", (p) =>
    p.db
      .select({ id: tenants.id, slug: tenants.slug, status: tenants.status, trainingOf: tenants.trainingOf })
      .from(tenants)
      .where(and(eq(tenants.trainingOf, hospitalId), isNull(tenants.archivedAt))),
  );
  return row ?? null;
}

const countIn = (tenantId: string, table: string) =>
  withTenant(tenantId, asUser(admin.id), async (t) => {
    const [row] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenantId}`));
    return Number(row!.n);
  });

const patientNamed = (tenantId: string, name: string) =>
  withTenant(tenantId, asUser(admin.id), (t) =>
    t.db.select({ id: patients.id }).from(patients).where(and(eq(patients.tenantId, t.tenantId), eq(patients.fullName, name))),
  );

beforeAll(async () => {
  real = await createTestHospital("Bệnh viện Thực Tập");
  other = await createTestHospital("Bệnh viện Bên Cạnh");
  admin = await createTestStaff(real.id, ["admin"]);
  nurse = await createTestStaff(real.id, ["nurse"]);
  await seedConfiguration(real.id);
  realPatientName = `Trần Thị Thật ${real.slug}`;
  otherPatientName = `Lê Văn Bên Cạnh ${other.slug}`;
  await createTestPatient(real.id, { fullName: realPatientName });
  await createTestPatient(other.id, { fullName: otherPatientName });
});

describe("the list of copied tables", () => {
  it("is the database's list, in the same order", async () => {
    const rows = await adminRows<{ table_name: string }>(sql`select table_name from training_copied_tables order by position`);
    expect(rows.map((r) => r.table_name)).toEqual([...TRAINING_COPIED_TABLES]);
  });

  it("classifies every tenant table: copied, or not copied with a reason", async () => {
    const names = await withAdmin(({ db }) => tenantTableNames(db));
    const unclassified = names.filter((n) => !(TRAINING_COPIED_TABLES as readonly string[]).includes(n) && !(n in TRAINING_NOT_COPIED));
    expect(unclassified, "add each new tenant table to TRAINING_COPIED_TABLES (and the migration's list) or TRAINING_NOT_COPIED").toEqual([]);
  });
});

describe("opening the practice copy", () => {
  let copyId: string;

  beforeAll(async () => {
    const opened = await withTenant(real.id, asUser(admin.id), (t) => openPracticeCopy(t));
    expect(opened.created).toBe(true);
    copyId = opened.copyId;
    expect(opened.copySlug).toBe(`${real.slug}-thuc-hanh`);
  });

  it("registers a tenant linked to the real hospital, with its name, active", async () => {
    const copy = await liveCopyOf(real.id);
    expect(copy).toMatchObject({ id: copyId, slug: `${real.slug}-thuc-hanh`, status: "active", trainingOf: real.id });
  });

  it("copies every configuration row and every member, with their roles", async () => {
    for (const table of TRAINING_COPIED_TABLES) {
      expect(await countIn(copyId, table), table).toBe(await countIn(real.id, table));
    }
    const readRooms = (id: string) =>
      withTenant(id, asUser(admin.id), (t) =>
        t.db.select({ id: rooms.id, code: rooms.code, departmentId: rooms.departmentId }).from(rooms).where(eq(rooms.tenantId, t.tenantId)),
      );
    expect(await readRooms(copyId)).toEqual(await readRooms(real.id));
    const readServices = (id: string) =>
      withTenant(id, asUser(admin.id), (t) =>
        t.db.select({ code: services.code, priceVnd: services.priceVnd, referenceLow: services.referenceLow }).from(services).where(eq(services.tenantId, t.tenantId)),
      );
    expect(await readServices(copyId)).toEqual(await readServices(real.id));
    const staffOf = (id: string) =>
      withTenant(id, asUser(admin.id), (t) =>
        t.db.select({ id: memberships.id, userId: memberships.userId, roles: memberships.roles }).from(memberships).where(eq(memberships.tenantId, t.tenantId)).orderBy(memberships.userId),
      );
    expect(await staffOf(copyId)).toEqual(await staffOf(real.id));
  });

  it("has made-up patients only: none of the real hospital's, nor another hospital's", async () => {
    expect(await countIn(copyId, "patients")).toBe(PRACTICE_PATIENT_COUNT);
    expect(await patientNamed(copyId, realPatientName)).toEqual([]);
    expect(await patientNamed(copyId, otherPatientName)).toEqual([]);
    expect(await countIn(real.id, "patients")).toBe(1);
  });

  it("made-up patients are nobody's practice: registered by the system, not by the admin who opened it", async () => {
    expect(await withTenant(copyId, asUser(admin.id), (t) => readMyPracticeTasks(t, admin.id, ["admin"]))).toEqual([
      { id: "registerPatient", done: false },
      { id: "recordVitals", done: false },
      { id: "writeNote", done: false },
    ]);
  });

  it("opening again returns the same copy and copies nothing twice", async () => {
    const before = await countIn(copyId, "rooms");
    const again = await withTenant(real.id, asUser(admin.id), (t) => openPracticeCopy(t));
    expect(again).toMatchObject({ copyId, created: false });
    expect(await countIn(copyId, "rooms")).toBe(before);
    expect(await countIn(copyId, "patients")).toBe(PRACTICE_PATIENT_COUNT);
  });

  it("adds a member hired after the copy was made when it is opened again", async () => {
    const hired = await createTestStaff(real.id, ["receptionist"]);
    expect(await findMyHospital(hired.id, `${real.slug}-thuc-hanh`)).toBeNull();
    await withTenant(real.id, asUser(admin.id), (t) => openPracticeCopy(t));
    expect(await findMyHospital(hired.id, `${real.slug}-thuc-hanh`)).toMatchObject({ id: copyId, roles: ["receptionist"] });
  });

  it("what is registered in the copy never reaches the real hospital, and the checklist shows it done", async () => {
    const name = `Nguyễn Thị Thực Hành ${real.slug}`;
    await withTenant(copyId, asUser(admin.id), (t) => registerPatient(t, { fullName: name, birthDate: "1990-01-02", sex: "female", phone: null }));
    expect(await patientNamed(real.id, name)).toEqual([]);
    expect(await patientNamed(other.id, name)).toEqual([]);
    expect(await patientNamed(copyId, name)).toHaveLength(1);

    const mine = await withTenant(copyId, asUser(admin.id), (t) => readMyPracticeTasks(t, admin.id, ["admin"]));
    expect(mine.find((task) => task.id === "registerPatient")?.done).toBe(true);
    const checklist = await withTenant(real.id, asUser(admin.id), (t) => readTrainingChecklist(t));
    expect(checklist.find((p) => p.userId === admin.id)?.tasks).toEqual([
      { id: "registerPatient", done: true },
      { id: "recordVitals", done: false },
      { id: "writeNote", done: false },
    ]);
    expect(checklist.find((p) => p.userId === nurse.id)?.tasks).toEqual([{ id: "recordVitals", done: false }]);
  });

  it("the door knows a practice copy, and the real hospital knows its copy", async () => {
    expect(await findMyHospital(admin.id, `${real.slug}-thuc-hanh`)).toMatchObject({ id: copyId, trainingOf: real.id, archived: false });
    expect(await findMyHospital(admin.id, real.slug)).toMatchObject({ trainingOf: null, practiceSlug: `${real.slug}-thuc-hanh`, hospitalCount: 1 });
    const listed = await listMyHospitals(admin.id);
    expect(listed.map((h) => [h.slug, h.trainingOf])).toEqual([
      [real.slug, null],
      [`${real.slug}-thuc-hanh`, real.id],
    ]);
  });

  it("a practice copy cannot have a practice copy", async () => {
    await refused(withTenant(copyId, asUser(admin.id), (t) => openPracticeCopy(t)), /practice copy cannot have a practice copy/);
    await refused(withTenant(copyId, asUser(admin.id), (t) => resetPracticeCopy(t)), /practice copy cannot have a practice copy/);
  });
});

describe("what the database refuses", () => {
  it("copying for a hospital the transaction does not act for", async () => {
    await refused(
      withTenant(other.id, asUser(admin.id), (t) => t.db.execute(sql`select * from open_training_copy(${real.id}::uuid)`)),
      /does not act for hospital/,
    );
  });

  it("copying as someone who is not a member, or as no one", async () => {
    const stranger = await createTestStaff(other.id, ["admin"]);
    await refused(withTenant(real.id, asUser(stranger.id), (t) => openPracticeCopy(t)), /only a member/);
    await refused(
      withTenant(real.id, { kind: "system", userId: null }, (t) => t.db.execute(sql`select * from open_training_copy(${real.id}::uuid)`)),
      /only a member/,
    );
  });

  it("a copy half made is no copy: a failure while filling it leaves nothing behind", async () => {
    const fresh = await createTestHospital("Bệnh viện Hỏng Giữa Chừng");
    const boss = await createTestStaff(fresh.id, ["admin"]);
    await expect(
      withTenant(fresh.id, asUser(boss.id), (t) =>
        openTrainingCopy(
          t,
          "open",
          async () => {
            throw new Error("the fill failed");
          },
          { kind: "system", userId: null },
        ),
      ),
    ).rejects.toThrow(/the fill failed/);
    const left = await adminRows<{ n: number }>(sql`select count(*)::int as n from tenants where training_of = ${fresh.id}`);
    expect(Number(left[0]!.n)).toBe(0);
  });
});

describe("reset", () => {
  it("archives the copy (kept with its audit log, locked, never listed) and makes a fresh one", async () => {
    const hospital = await createTestHospital("Bệnh viện Làm Lại");
    const boss = await createTestStaff(hospital.id, ["admin"]);
    const first = await withTenant(hospital.id, asUser(boss.id), (t) => openPracticeCopy(t));
    await withTenant(first.copyId, asUser(boss.id), (t) =>
      registerPatient(t, { fullName: "Đỗ Văn Cũ", birthDate: "1970-05-06", sex: "male", phone: null }),
    );
    const auditBefore = await adminRows<{ n: number }>(sql`select count(*)::int as n from audit_events where tenant_id = ${first.copyId}`);

    const second = await withTenant(hospital.id, asUser(boss.id), (t) => resetPracticeCopy(t));
    expect(second.archivedId).toBe(first.copyId);
    expect(second.copyId).not.toBe(first.copyId);
    expect(second.copySlug).toBe(`${hospital.slug}-thuc-hanh`);

    const [old] = await adminRows<{ status: string; archived_at: Date | null; slug: string }>(
      sql`select status, archived_at, slug from tenants where id = ${first.copyId}`,
    );
    expect(old).toMatchObject({ status: "suspended" });
    expect(old!.archived_at).not.toBeNull();
    expect(old!.slug).toMatch(new RegExp(`^${hospital.slug}-thuc-hanh-luu-[0-9a-f]{8}$`));
    const auditAfter = await adminRows<{ n: number }>(sql`select count(*)::int as n from audit_events where tenant_id = ${first.copyId}`);
    expect(Number(auditAfter[0]!.n)).toBeGreaterThanOrEqual(Number(auditBefore[0]!.n));
    expect(await countIn(first.copyId, "patients")).toBe(PRACTICE_PATIENT_COUNT + 1);

    // Never listed, and locked: the door sees it archived.
    expect((await listMyHospitals(boss.id)).map((h) => h.slug)).toEqual([hospital.slug, `${hospital.slug}-thuc-hanh`]);
    expect(await findMyHospital(boss.id, old!.slug)).toMatchObject({ archived: true });

    // Fresh: the made-up patients only, and the boss's practice starts again.
    expect(await countIn(second.copyId, "patients")).toBe(PRACTICE_PATIENT_COUNT);
    const checklist = await withTenant(hospital.id, asUser(boss.id), (t) => readTrainingChecklist(t));
    expect(checklist.find((p) => p.userId === boss.id)?.tasks.every((task) => !task.done)).toBe(true);
    const oldEntries = await withTenant(first.copyId, asUser(boss.id), (t) =>
      t.db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.action, "patients.insert"))),
    );
    expect(oldEntries.length).toBe(PRACTICE_PATIENT_COUNT + 1);
  });
});
