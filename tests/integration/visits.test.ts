// The visit's clinical core, in the domain functions against the real database: calling the next
// patient under concurrency, vitals checks, the note draft's conflicts, ICD-10 rules, signing.
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor, withTenant, type Actor } from "~db/scope.server";
import { findIcd10, searchIcd10 } from "~/icd10/icd10-catalog.server";
import { checkDiagnosis } from "~/icd10/icd10-rules";
import { isStaleWriteError } from "~/lib/concurrency.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { addDiagnosis } from "~/visits/diagnoses.server";
import { findVisit } from "~/visits/get-visit.server";
import { addAddendum, getVisitNote, NoteSignedError, saveNoteDraft } from "~/visits/note.server";
import { signVisit } from "~/visits/sign-visit.server";
import { vitalsSchema } from "~/visits/vitals";
import { callNextPatient } from "~/visits/worklist.server";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";
import { createVisitRooms, startVisitForTest, type VisitRooms } from "./visit-fixtures";

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;
let hospital: Hospital;
let rooms: VisitRooms;
let doctorA: Actor;
let doctorB: Actor;

beforeAll(async () => {
  hospital = await createTestHospital("Bệnh viện Khám");
  rooms = await createVisitRooms(hospital.id);
  doctorA = { kind: "user", userId: (await createTestStaff(hospital.id, ["doctor"])).id, address: "10.0.0.1" };
  doctorB = { kind: "user", userId: (await createTestStaff(hospital.id, ["doctor"])).id, address: "10.0.0.2" };
});

describe("calling the next patient", () => {
  it("gives two doctors calling at the same moment different patients, oldest first", async () => {
    const day = "2026-01-15";
    const patients = await Promise.all([1, 2, 3].map((i) => createTestPatient(hospital.id, { fullName: `Bệnh Nhân Gọi ${i}` })));
    const queued: { id: string }[] = [];
    for (const p of patients) queued.push(await startVisitForTest(hospital.id, p.id, rooms.internal, day));
    const [a, b] = await Promise.all([
      withTenant(hospital.id, doctorA, (t) => callNextPatient(t, rooms.internal, day, doctorA.userId!)),
      withTenant(hospital.id, doctorB, (t) => callNextPatient(t, rooms.internal, day, doctorB.userId!)),
    ]);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(a!.id).not.toBe(b!.id);
    expect(new Set([a!.queueNumber, b!.queueNumber])).toEqual(new Set([1, 2]));
    const third = await withTenant(hospital.id, doctorA, (t) => callNextPatient(t, rooms.internal, day, doctorA.userId!));
    expect(third!.queueNumber).toBe(3);
    expect(await withTenant(hospital.id, doctorA, (t) => callNextPatient(t, rooms.internal, day, doctorA.userId!))).toBeNull();
    const called = await withTenant(hospital.id, doctorA, (t) => findVisit(t, queued[2]!.id));
    expect(called).toMatchObject({ status: "in_progress", clinicianId: doctorA.userId });
  });
});

describe("vitals", () => {
  const form = (values: Record<string, string>) => ({ pulse: "", systolic: "", diastolic: "", temperature: "", respiratoryRate: "", spo2: "", weightKg: "", heightCm: "", ...values });

  it("refuses impossible values with a message per field", () => {
    const result = vitalsSchema.safeParse(form({ pulse: "400", temperature: "52", spo2: "101", heightCm: "abc" }));
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toEqual({
      pulse: "vitals.errors.pulse",
      temperature: "vitals.errors.temperature",
      spo2: "vitals.errors.spo2",
      heightCm: "vitals.errors.heightCm",
    });
  });

  it("accepts plausible values, a decimal comma, and refuses diastolic above systolic", () => {
    expect(vitalsSchema.parse(form({ pulse: "120", temperature: "38,6" }))).toMatchObject({ pulse: 120, temperature: 38.6, spo2: null });
    expect(vitalsSchema.safeParse(form({ systolic: "80", diastolic: "90" })).error!.issues[0]!.message).toBe("vitals.errors.diastolicAboveSystolic");
    expect(vitalsSchema.safeParse(form({})).error!.issues[0]!.message).toBe("vitals.errors.empty");
  });
});

describe("the ICD-10 catalog", () => {
  it("finds codes by code and by name without diacritics, in both languages", () => {
    expect(findIcd10("j189")).toMatchObject({ code: "J18.9" });
    expect(searchIcd10("J18.9")[0]).toMatchObject({ code: "J18.9" });
    expect(searchIcd10("viem phoi")[0]!.nameVi).toMatch(/^Viêm phổi/);
    expect(searchIcd10("viem phoi khong dac hieu").map((c) => c.code)).toContain("J18.9");
    expect(searchIcd10("pneumonia").length).toBeGreaterThan(0);
    expect(searchIcd10("tang huyet ap").map((c) => c.code)).toContain("I10");
  });

  const adult = { sex: "male" as const, birthDate: "1980-03-05" };
  const base = { visitDate: "2026-01-15", existing: [] };
  it("refuses a code that may not be principal", () => {
    expect(checkDiagnosis({ ...base, code: "B95.0", principal: true, patient: adult })).toMatchObject({ key: "visit:diagnoses.rules.notPrincipal" });
    expect(checkDiagnosis({ ...base, code: "B95.0", principal: false, patient: adult })).toBeNull();
  });
  it("refuses sex-specific codes for the other sex", () => {
    expect(checkDiagnosis({ ...base, code: "A34", principal: true, patient: adult })).toMatchObject({ key: "visit:diagnoses.rules.femaleOnly" });
    expect(checkDiagnosis({ ...base, code: "B26.0", principal: true, patient: { sex: "female", birthDate: "1990-01-01" } })).toMatchObject({
      key: "visit:diagnoses.rules.maleOnly",
    });
  });
  it("refuses age-specific codes outside their ages", () => {
    expect(checkDiagnosis({ ...base, code: "A33", principal: true, patient: adult })).toMatchObject({ key: "visit:diagnoses.rules.age1" });
    expect(checkDiagnosis({ ...base, code: "A33", principal: true, patient: { sex: "male", birthDate: "2025-12-20" } })).toBeNull();
  });
  it("asks an asterisk code for its dagger", () => {
    const refusal = checkDiagnosis({ ...base, code: "G01", principal: false, patient: adult });
    expect(refusal).toMatchObject({ key: "visit:diagnoses.rules.needsDagger" });
    expect(refusal && "daggers" in refusal ? refusal.daggers : "").toContain("A01.0");
    expect(checkDiagnosis({ ...base, code: "G01", principal: false, patient: adult, existing: [{ code: "A01.0", principal: true }] })).toBeNull();
  });
  it("allows one principal only, and each code once", () => {
    const existing = [{ code: "J18.9", principal: true }];
    expect(checkDiagnosis({ ...base, existing, code: "I10", principal: true, patient: adult })).toMatchObject({ key: "visit:diagnoses.rules.onePrincipal" });
    expect(checkDiagnosis({ ...base, existing, code: "J18.9", principal: false, patient: adult })).toMatchObject({ key: "visit:diagnoses.rules.duplicate" });
  });
});

describe("the note draft, signing and addenda", () => {
  it("gives the second of two clinicians a conflict, and keeps both texts", async () => {
    const patient = await createTestPatient(hospital.id, { fullName: "Bệnh Nhân Nháp" });
    const visit = await startVisitForTest(hospital.id, patient.id, rooms.internal);
    const first = await withTenant(hospital.id, doctorA, (t) =>
      saveNoteDraft(t, visit, { formCode: "general", content: { reason: "Ho" }, expectedVersion: 0, byName: "BS A" }),
    );
    expect(first.version).toBe(1);
    // Both opened version 1; A saves first.
    await withTenant(hospital.id, doctorA, (t) => saveNoteDraft(t, visit, { formCode: "general", content: { reason: "Ho, sốt (A)" }, expectedVersion: 1, byName: "BS A" }));
    const second = await withTenant(hospital.id, doctorB, (t) =>
      saveNoteDraft(t, visit, { formCode: "general", content: { reason: "Ho, đau ngực (B)" }, expectedVersion: 1, byName: "BS B" }),
    ).catch((e: unknown) => e);
    expect(isStaleWriteError(second)).toBe(true);
    const stored = await withTenant(hospital.id, doctorA, (t) => getVisitNote(t, visit.id));
    expect(stored).toMatchObject({ content: { reason: "Ho, sốt (A)" }, version: 2, updatedByName: "BS A" });
  });

  it("signs a complete visit, then refuses edits and accepts an addendum", async () => {
    const patient = await createTestPatient(hospital.id, { fullName: "Bệnh Nhân Ký" });
    const queued = await startVisitForTest(hospital.id, patient.id, rooms.internal);
    const signer = { method: "password" as const, signerId: doctorA.userId!, signerName: "BS A" };
    const home = { disposition: "home" as const, followUpDate: null, referralTo: null, referralReason: null };
    await withTenant(hospital.id, doctorA, async (t) => {
      const visit = (await findVisit(t, queued.id))!;
      expect(await signVisit(t, visit, signer, home)).toEqual({ ok: false, refusal: "visit:sign.refused.noNote" });
      await saveNoteDraft(t, visit, { formCode: "general", content: { reason: "Sốt", examination: "Họng đỏ" }, expectedVersion: 0, byName: "BS A" });
      expect(await signVisit(t, visit, signer, home)).toEqual({ ok: false, refusal: "visit:sign.refused.noPrincipal" });
      expect(await addDiagnosis(t, visit, "J02.9", true)).toMatchObject({ ok: true });
      const signed = await signVisit(t, visit, signer, home);
      expect(signed).toMatchObject({ ok: true, signature: { method: "password", signerName: "BS A", contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    });
    const after = await withTenant(hospital.id, doctorA, (t) => findVisit(t, queued.id));
    expect(after).toMatchObject({ status: "done", disposition: "home", signedBy: doctorA.userId });
    const edit = await withTenant(hospital.id, doctorA, (t) =>
      saveNoteDraft(t, after!, { formCode: "general", content: { reason: "đổi" }, expectedVersion: 1, byName: "BS A" }),
    ).catch((e: unknown) => e);
    expect(edit).toBeInstanceOf(NoteSignedError);
    const addendum = await withTenant(hospital.id, doctorB, (t) => addAddendum(t, after!, "Bổ sung: dị ứng penicillin", "BS B"));
    expect(addendum).toMatchObject({ text: "Bổ sung: dị ứng penicillin", authorName: "BS B" });
    expect(await withTenant(hospital.id, doctorA, (t) => getVisitNote(t, queued.id))).toMatchObject({ status: "signed", content: { reason: "Sốt" } });
  });

  it("has the database refuse an update of a signed note whatever the code does", async () => {
    const patient = await createTestPatient(hospital.id, { fullName: "Bệnh Nhân Khoá" });
    const queued = await startVisitForTest(hospital.id, patient.id, rooms.internal);
    const signer = { method: "password" as const, signerId: doctorA.userId!, signerName: "BS A" };
    await withTenant(hospital.id, doctorA, async (t) => {
      const visit = (await findVisit(t, queued.id))!;
      await saveNoteDraft(t, visit, { formCode: "general", content: { reason: "Đau đầu", examination: "Bình thường" }, expectedVersion: 0, byName: "BS A" });
      await addDiagnosis(t, visit, "R51", true);
      await signVisit(t, visit, signer, { disposition: "follow_up", followUpDate: "2026-12-30", referralTo: null, referralReason: null });
    });
    const { visitNotes } = await import("~db/schema");
    const { eq } = await import("drizzle-orm");
    const attempt = await withTenant(hospital.id, systemActor("tests"), (t) =>
      t.db.update(visitNotes).set({ content: { reason: "sửa lén" } }).where(eq(visitNotes.visitId, queued.id)),
    ).catch((e: unknown) => e);
    expect(String((attempt as Error).cause ?? attempt)).toMatch(/signed note cannot be changed/);
  });
});

void todayInVietnam;
