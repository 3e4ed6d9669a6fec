// The patient pages at the HTTP boundary: loaders and actions called with real Requests, a real
// session cookie and the load context the server would give them (the Remix build is not available
// under vitest, so the components are exercised in the browser instead).
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, patients, type StaffRole } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import type { Patient } from "~/patients/patient";
import { EMPTY_PATIENT_FORM } from "~/patients/patient-fields";
import * as hospitalIndex from "~/routes/h.$hospital._index";
import * as detailRoute from "~/routes/h.$hospital.patients.$patientId";
import * as listRoute from "~/routes/h.$hospital.patients._index";
import * as registerRoute from "~/routes/h.$hospital.patients.new";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";
import { fakeContext, get, post, settle } from "../support/http";

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;

const CLIENT_ADDRESS = "10.1.2.3";
const args = (request: Request, params: Record<string, string>) => ({ request, context: fakeContext(CLIENT_ADDRESS), params });

async function cookieFor(hospitalId: string, roles: StaffRole[]) {
  const user = await createTestStaff(hospitalId, roles);
  const { token } = await createUserSession(user.id);
  return { user, cookie: `${sessionCookieName(false)}=${token}` };
}

async function storedPatient(hospitalId: string, id: string) {
  const [row] = await withTenant(hospitalId, systemActor("tests"), (t) =>
    t.db.select().from(patients).where(and(eq(patients.tenantId, t.tenantId), eq(patients.id, id))),
  );
  return row!;
}

const validForm = { fullName: "Nguyễn Văn An", birthDate: "05/03/1980", sex: "male", phone: "" };

let hospitalA: Hospital;
let hospitalB: Hospital;
let receptionist: { user: { id: string }; cookie: string };
let pharmacist: { cookie: string };
let anInA: Patient;
let anInB: Patient;

beforeAll(async () => {
  hospitalA = await createTestHospital("Bệnh viện A");
  hospitalB = await createTestHospital("Bệnh viện B");
  receptionist = await cookieFor(hospitalA.id, ["receptionist"]);
  pharmacist = await cookieFor(hospitalA.id, ["pharmacist"]);
  anInA = await createTestPatient(hospitalA.id, { fullName: "Nguyễn Văn An", phone: "0912345678" });
  await createTestPatient(hospitalA.id, { fullName: "Trần Thị Bé", sex: "female", birthDate: "2026-05-01" });
  anInB = await createTestPatient(hospitalB.id, { fullName: "Nguyễn Văn An" });
});

describe("/h/:hospital", () => {
  it("sends a member from the hospital's front page to the patient list", async () => {
    const outcome = await settle(() =>
      hospitalIndex.loader(args(get(`/h/${hospitalA.slug}`, pharmacist.cookie), { hospital: hospitalA.slug })),
    );
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`/h/${hospitalA.slug}/patients`);
  });
});

describe("/h/:hospital/patients", () => {
  const list = (query: string, cookie = receptionist.cookie, slug = hospitalA.slug) =>
    settle(() => listRoute.loader(args(get(`/h/${slug}/patients${query}`, cookie), { hospital: slug })));

  it("finds a patient typed without diacritics, in this hospital only, and shapes the row for the table", async () => {
    const outcome = await list("?q=nguyen+van+an");
    expect(outcome.status).toBe(200);
    expect(outcome.data.patients).toEqual([
      {
        id: anInA.id,
        mrn: anInA.mrn,
        fullName: "Nguyễn Văn An",
        birthDate: "05/03/1980",
        age: expect.objectContaining({ years: expect.any(Number) }),
        sex: "male",
        phone: "0912 345 678",
      },
    ]);
    expect(outcome.data).toMatchObject({ query: "nguyen van an", total: 1, page: 1, pages: 1, from: 1, to: 1, canRegister: true });
  });

  it("lists everyone without a query, and an empty page past the end", async () => {
    expect((await list("")).data.total).toBe(2);
    const past = await list("?page=9");
    expect(past.data).toMatchObject({ total: 2, patients: [], page: 9 });
  });

  it("records the search, with the searcher and their address, in the audit log", async () => {
    await list("?q=Tr%E1%BA%A7n");
    const [last] = await withTenant(hospitalA.id, systemActor("tests"), (t) =>
      t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.action, "patient.search")))
        .orderBy(auditEvents.at)
        .then((rows) => rows.slice(-1)),
    );
    expect(last).toMatchObject({ actorId: receptionist.user.id, address: CLIENT_ADDRESS, details: { query: "Trần", results: 1 } });
  });

  it("answers 404 to a member of another hospital", async () => {
    const other = await cookieFor(hospitalB.id, ["doctor"]);
    expect((await list("", other.cookie)).status).toBe(404);
  });

  it("does not offer registration to a role that cannot write", async () => {
    expect((await list("", pharmacist.cookie)).data.canRegister).toBe(false);
  });
});

describe("/h/:hospital/patients/:patientId", () => {
  const path = (id: string) => `/h/${hospitalA.slug}/patients/${id}`;
  const open = (id: string, cookie = receptionist.cookie) =>
    settle(() => detailRoute.loader(args(get(path(id), cookie), { hospital: hospitalA.slug, patientId: id })));
  const save = (id: string, fields: Record<string, string>, cookie = receptionist.cookie) =>
    settle(() => detailRoute.action(args(post(path(id), fields, cookie), { hospital: hospitalA.slug, patientId: id })));

  it("shows the patient in Vietnamese formats, with the form filled in", async () => {
    const outcome = await open(anInA.id);
    expect(outcome.status).toBe(200);
    expect(outcome.data.patient).toMatchObject({ mrn: anInA.mrn, birthDate: "05/03/1980", phone: "0912 345 678", version: 1 });
    expect(outcome.data.values).toEqual({ ...EMPTY_PATIENT_FORM, fullName: "Nguyễn Văn An", birthDate: "05/03/1980", sex: "male", phone: "0912 345 678" });
    expect(outcome.data.canEdit).toBe(true);
    // The page title names the record, not the patient: titles land in a shared PC's history.
    expect(outcome.data.title).not.toContain("Nguyễn");
  });

  it("gives an infant's age in months", async () => {
    const baby = await createTestPatient(hospitalA.id, { fullName: "Lê Thị Sơ Sinh", sex: "female", birthDate: "2026-09-01" });
    const outcome = await open(baby.id);
    expect(outcome.data.patient.age.years).toBe(0);
  });

  it("answers 404 for another hospital's patient, an unknown id and a malformed id", async () => {
    for (const id of [anInB.id, randomUUID(), "abc"]) {
      expect((await open(id)).status, id).toBe(404);
    }
  });

  it("saves an edit at the current version and redirects to the page saying so", async () => {
    const patient = await createTestPatient(hospitalA.id, { fullName: "Phan Văn Sửa" });
    const outcome = await save(patient.id, { ...validForm, fullName: "  Phan   Văn Sửa Lại ", phone: "0987 654 321", version: "1" });
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`${path(patient.id)}?saved=1`);
    expect(await storedPatient(hospitalA.id, patient.id)).toMatchObject({
      fullName: "Phan Văn Sửa Lại",
      phone: "0987654321",
      version: 2,
    });
    expect((await open(patient.id)).data.patient.version).toBe(2);
  });

  it("answers a stale version with 409, the latest saved values and what was typed, and changes nothing", async () => {
    const patient = await createTestPatient(hospitalA.id, { fullName: "Bùi Thị Mận", sex: "female" });
    // A colleague saves first...
    await save(patient.id, { ...validForm, fullName: "Bùi Thị Mận Mới", sex: "female", version: "1" });
    // ...then this person submits the form they opened at version 1.
    const typed = { ...validForm, fullName: "Bùi Thị Mận Cũ", sex: "female", phone: "0911 222 333", version: "1" };
    const outcome = await save(patient.id, typed);
    expect(outcome.status).toBe(409);
    expect(outcome.data).toMatchObject({
      ok: false,
      formError: { key: "errors:conflict.title" },
      version: 2,
      values: { fullName: "Bùi Thị Mận Cũ", phone: "0911 222 333" },
      latestValues: { fullName: "Bùi Thị Mận Mới", phone: "" },
      latest: { fullName: "Bùi Thị Mận Mới", version: 2 },
      conflict: { entityType: "patients", entityId: patient.id, expectedVersion: 1, currentVersion: 2 },
    });
    expect(await storedPatient(hospitalA.id, patient.id)).toMatchObject({ fullName: "Bùi Thị Mận Mới", phone: null, version: 2 });
  });

  it("returns bad input with a message per field and what was typed, and changes nothing", async () => {
    const patient = await createTestPatient(hospitalA.id, { fullName: "Đỗ Văn Đúng" });
    const outcome = await save(patient.id, { fullName: "X".repeat(121), birthDate: "31/02/1990", sex: "male", phone: "12345", version: "1" });
    expect(outcome.status).toBe(400);
    expect(outcome.data).toEqual({
      ok: false,
      formError: null,
      version: 1,
      errors: {
        fullName: "validation.fullName.tooLong",
        birthDate: "validation.birthDate.notReal",
        phone: "validation.phone.format",
      },
      values: { ...EMPTY_PATIENT_FORM, fullName: "X".repeat(121), birthDate: "31/02/1990", sex: "male", phone: "12345" },
      communes: [],
    });
    expect(await storedPatient(hospitalA.id, patient.id)).toMatchObject({ fullName: "Đỗ Văn Đúng", version: 1 });
  });

  it("refuses an edit without a version rather than overwrite blindly", async () => {
    expect((await save(anInA.id, validForm)).status).toBe(400);
  });

  it("refuses an edit from a role that may only read, and from another hospital's member", async () => {
    expect((await save(anInA.id, { ...validForm, fullName: "Đổi Tên", version: "1" }, pharmacist.cookie)).status).toBe(403);
    const other = await cookieFor(hospitalB.id, ["admin"]);
    expect((await save(anInA.id, { ...validForm, fullName: "Đổi Tên", version: "1" }, other.cookie)).status).toBe(404);
    expect(await storedPatient(hospitalA.id, anInA.id)).toMatchObject({ fullName: "Nguyễn Văn An", version: 1 });
  });

  it("answers 404 when editing another hospital's patient", async () => {
    expect((await save(anInB.id, { ...validForm, version: "1" })).status).toBe(404);
    expect(await storedPatient(hospitalB.id, anInB.id)).toMatchObject({ version: 1 });
  });
});

describe("/h/:hospital/patients/new", () => {
  const register = (fields: Record<string, string>, cookie = receptionist.cookie) =>
    settle(() =>
      registerRoute.action(args(post(`/h/${hospitalA.slug}/patients/new`, fields, cookie), { hospital: hospitalA.slug })),
    );

  it("registers a patient and opens their record", async () => {
    const outcome = await register({ fullName: "Hồ Thị Mới Đến", birthDate: "1/2/2003", sex: "female", phone: "0356 111 222" });
    expect(outcome.status).toBe(302);
    const location = outcome.headers.get("Location")!;
    // A receptionist goes on to start the visit (issue 8).
    expect(location).toMatch(new RegExp(`^/h/${hospitalA.slug}/reception/visit/[0-9a-f-]{36}\\?registered=1$`));
    const id = location.split("/").at(-1)!.split("?")[0]!;
    expect(await storedPatient(hospitalA.id, id)).toMatchObject({ fullName: "Hồ Thị Mới Đến", birthDate: "2003-02-01", phone: "0356111222" });
  });

  it("returns bad input filled in, without registering anyone", async () => {
    const before = await withTenant(hospitalA.id, systemActor("tests"), (t) => t.db.$count(patients));
    const outcome = await register({ fullName: "Hồ Thị Tương Lai", birthDate: "01/01/2999", sex: "", phone: "" });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({ birthDate: "validation.birthDate.future", sex: "validation.sex.required" });
    expect(outcome.data.values.fullName).toBe("Hồ Thị Tương Lai");
    expect(await withTenant(hospitalA.id, systemActor("tests"), (t) => t.db.$count(patients))).toBe(before);
  });

  it("is closed to roles that may only read", async () => {
    expect((await register({ ...validForm }, pharmacist.cookie)).status).toBe(403);
  });
});
