// The visit pages at the HTTP boundary: real Requests with a session cookie, the real database.
// Isolation, audit of reads, the note's conflicts and signed state, ICD refusals, signing by password.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, rooms, signatures, visitNotes, visits, type StaffRole } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import { i18next } from "~/i18n/i18next.server";
import * as chartRoute from "~/routes/h.$hospital.patients.$patientId.chart";
import * as vitalsRoute from "~/routes/h.$hospital.visits.$visitId";
import * as diagnosesRoute from "~/routes/h.$hospital.visits.$visitId.diagnoses";
import * as noteRoute from "~/routes/h.$hospital.visits.$visitId.note";
import * as printRecordRoute from "~/routes/h.$hospital.visits.$visitId.print.record";
import * as signRoute from "~/routes/h.$hospital.visits.$visitId.sign";
import * as worklistRoute from "~/routes/h.$hospital.worklist";
import { applyTemplate } from "~/templates/apply-template.server";
import { DISTRICT_TEMPLATE, findTemplate } from "~/templates/registry.server";
import { createTestHospital, createTestPatient, createTestStaff, TEST_PASSWORD } from "../support/factories";
import { fakeContext, get, post, settle } from "../support/http";
import { createVisitRooms, startVisitForTest, type VisitRooms } from "./visit-fixtures";

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;
type Person = { id: string; cookie: string };

async function person(hospitalId: string, roles: StaffRole[]): Promise<Person> {
  const user = await createTestStaff(hospitalId, roles);
  const { token } = await createUserSession(user.id);
  return { id: user.id, cookie: `${sessionCookieName(false)}=${token}` };
}

let a: Hospital;
let b: Hospital;
let roomsA: VisitRooms;
let doctor: Person;
let doctor2: Person;
let nurse: Person;
let strangerFromB: Person;

const ctx = () => fakeContext("10.9.8.7");
const visitArgs = (request: Request, visitId: string, slug = a.slug) => ({ request, context: ctx(), params: { hospital: slug, visitId } });
const url = (visitId: string, suffix = "", slug = a.slug) => `/h/${slug}/visits/${visitId}${suffix}`;

async function newVisit(name: string) {
  const patient = await createTestPatient(a.id, { fullName: name });
  return startVisitForTest(a.id, patient.id, roomsA.internal);
}

beforeAll(async () => {
  a = await createTestHospital("Bệnh viện A");
  b = await createTestHospital("Bệnh viện B");
  roomsA = await createVisitRooms(a.id);
  await createVisitRooms(b.id);
  doctor = await person(a.id, ["doctor"]);
  doctor2 = await person(a.id, ["doctor"]);
  nurse = await person(a.id, ["nurse"]);
  strangerFromB = await person(b.id, ["doctor"]);
});

describe("isolation", () => {
  it("answers 404 to hospital B's doctor asking for A's visit in B, and for unknown ids", async () => {
    const visit = await newVisit("Bệnh Nhân Cách Ly");
    for (const suffix of ["", "/note", "/diagnoses", "/sign"]) {
      const route = { "": vitalsRoute, "/note": noteRoute, "/diagnoses": diagnosesRoute, "/sign": signRoute }[suffix]!;
      const outcome = await settle(() => route.loader(visitArgs(get(url(visit.id, suffix, b.slug), strangerFromB.cookie), visit.id, b.slug)));
      expect(outcome.status, suffix).toBe(404);
    }
    for (const id of [randomUUID(), "nope"]) {
      expect((await settle(() => noteRoute.loader(visitArgs(get(url(id, "/note"), doctor.cookie), id)))).status).toBe(404);
    }
    const chart = await settle(() =>
      chartRoute.loader({ request: get(`/h/${b.slug}/patients/${visit.patientId}/chart`, strangerFromB.cookie), context: ctx(), params: { hospital: b.slug, patientId: visit.patientId } }),
    );
    expect(chart.status).toBe(404);
  });
});

describe("audit", () => {
  it("records opening the chart and reading a visit, with who and which patient", async () => {
    const visit = await newVisit("Bệnh Nhân Kiểm Toán");
    expect((await settle(() => noteRoute.loader(visitArgs(get(url(visit.id, "/note"), doctor.cookie), visit.id)))).status).toBe(200);
    const chart = await settle(() =>
      chartRoute.loader({ request: get(`/h/${a.slug}/patients/${visit.patientId}/chart`, doctor.cookie), context: ctx(), params: { hospital: a.slug, patientId: visit.patientId } }),
    );
    expect(chart.status).toBe(200);
    const entries = await withTenant(a.id, systemActor("tests"), (t) =>
      t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.patientId, visit.patientId))),
    );
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "visit.read", actorId: doctor.id, entityId: visit.id, details: { tab: "note" } }),
        expect.objectContaining({ action: "patient.chart", actorId: doctor.id, entityId: visit.patientId }),
      ]),
    );
  });
});

describe("worklist", () => {
  it("calls the next patient in one action and opens the visit", async () => {
    const visit = await newVisit("Bệnh Nhân Gọi Vào");
    const list = await settle(() =>
      worklistRoute.loader({ request: get(`/h/${a.slug}/worklist?room=${roomsA.internal}`, doctor.cookie), context: ctx(), params: { hospital: a.slug } }),
    );
    expect(list.status).toBe(200);
    expect(list.data.rows.some((r: { id: string }) => r.id === visit.id)).toBe(true);
    expect(list.headers.get("Set-Cookie")).toContain(roomsA.internal);
    let called: string | null = null;
    // Earlier tests may have queued patients in this room: call until this one is in.
    for (let i = 0; i < 20 && called !== visit.id; i++) {
      const outcome = await settle(() =>
        worklistRoute.action({ request: post(`/h/${a.slug}/worklist`, { room: roomsA.internal }, doctor.cookie), context: ctx(), params: { hospital: a.slug } }),
      );
      expect(outcome.status).toBe(302);
      called = (outcome.headers.get("Location") ?? "").match(/visits\/([0-9a-f-]{36})/)?.[1] ?? null;
      if (!called) break;
    }
    expect(called).toBe(visit.id);
  });

  it("does not set the room cookie on a background refresh", async () => {
    const list = await settle(() =>
      worklistRoute.loader({ request: get(`/h/${a.slug}/worklist?room=${roomsA.internal}&refresh=background`, nurse.cookie), context: ctx(), params: { hospital: a.slug } }),
    );
    expect(list.status).toBe(200);
    expect(list.headers.get("Set-Cookie")).toBeNull();
  });
});

describe("vitals", () => {
  it("refuses impossible values with a message per field and saves nothing", async () => {
    const visit = await newVisit("Bệnh Nhân Sinh Hiệu");
    const outcome = await settle(() => vitalsRoute.action(visitArgs(post(url(visit.id), { pulse: "400", systolic: "120", diastolic: "80", temperature: "", respiratoryRate: "", spo2: "", weightKg: "", heightCm: "" }, nurse.cookie), visit.id)));
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({ pulse: "vitals.errors.pulse" });
    const saved = await settle(() => vitalsRoute.action(visitArgs(post(url(visit.id), { pulse: "118", systolic: "150", diastolic: "95", temperature: "38,5", respiratoryRate: "", spo2: "97", weightKg: "60", heightCm: "160" }, nurse.cookie), visit.id)));
    expect(saved.status).toBe(302);
    const page = await settle(() => vitalsRoute.loader(visitArgs(get(url(visit.id), nurse.cookie), visit.id)));
    expect(page.data.vitals[0]).toMatchObject({ pulse: 118, temperature: 38.5, bmi: 23.4, flags: { pulse: "high", systolic: "high", temperature: "high", spo2: null, bmi: "high" } });
  });
});

describe("the note", () => {
  const fields = (reason: string, version: string, intent = "autosave") => ({ f_reason: reason, f_history: "", f_examination: "", f_assessment: "", f_plan: "", formCode: "general", version, intent });

  it("gives a stale save 409 with the colleague's text and the typed one; refuses an over-long part", async () => {
    const visit = await newVisit("Bệnh Nhân Xung Đột");
    const first = await settle(() => noteRoute.action(visitArgs(post(url(visit.id, "/note"), fields("Ho 3 ngày", "0"), doctor.cookie), visit.id)));
    expect(first.data).toMatchObject({ ok: true, version: 1 });
    await settle(() => noteRoute.action(visitArgs(post(url(visit.id, "/note"), fields("Ho 3 ngày, sốt (BS 1)", "1"), doctor.cookie), visit.id)));
    const second = await settle(() => noteRoute.action(visitArgs(post(url(visit.id, "/note"), fields("Ho 3 ngày, đau họng (BS 2)", "1"), doctor2.cookie), visit.id)));
    expect(second.status).toBe(409);
    expect(second.data).toMatchObject({
      theirs: { content: { reason: "Ho 3 ngày, sốt (BS 1)" }, version: 2 },
      values: { reason: "Ho 3 ngày, đau họng (BS 2)" },
    });
    const long = await settle(() => noteRoute.action(visitArgs(post(url(visit.id, "/note"), fields("x".repeat(501), "2"), doctor.cookie), visit.id)));
    expect(long.status).toBe(400);
    expect(long.data.errors).toEqual({ reason: "visit:note.errors.tooLong" });
  });

  it("after signing, refuses edits, keeps the text, and takes an addendum with who and when", async () => {
    const visit = await newVisit("Bệnh Nhân Đã Ký");
    await settle(() =>
      noteRoute.action(visitArgs(post(url(visit.id, "/note"), { ...fields("Đau bụng", "0", "save"), f_examination: "Bụng mềm" }, doctor.cookie), visit.id)),
    );
    const refused = await settle(() =>
      diagnosesRoute.action(visitArgs(post(url(visit.id, "/diagnoses"), { code: "B95.0", principal: "true" }, doctor.cookie), visit.id)),
    );
    expect(refused.status).toBe(400);
    expect(refused.data.refusal).toEqual({ key: "visit:diagnoses.rules.notPrincipal", code: "B95.0" });
    expect((await settle(() => diagnosesRoute.action(visitArgs(post(url(visit.id, "/diagnoses"), { code: "k30", principal: "true" }, doctor.cookie), visit.id)))).status).toBe(302);

    const signForm = { disposition: "home", followUpDate: "", referralTo: "", referralReason: "" };
    const wrong = await settle(() => signRoute.action(visitArgs(post(url(visit.id, "/sign"), { ...signForm, password: "sai-mat-khau" }, doctor.cookie), visit.id)));
    expect(wrong.status).toBe(400);
    expect(wrong.data.formError).toEqual({ key: "visit:sign.wrongPassword" });
    expect(wrong.data.values.password).toBe("");
    const stillOpen = await withTenant(a.id, systemActor("tests"), (t) => t.db.select().from(visits).where(eq(visits.id, visit.id)));
    expect(stillOpen[0]).toMatchObject({ status: "waiting", signedAt: null });

    const signed = await settle(() => signRoute.action(visitArgs(post(url(visit.id, "/sign"), { ...signForm, password: TEST_PASSWORD }, doctor.cookie), visit.id)));
    expect(signed.status).toBe(302);
    const [signature] = await withTenant(a.id, systemActor("tests"), (t) => t.db.select().from(signatures).where(eq(signatures.visitId, visit.id)));
    expect(signature).toMatchObject({ method: "password", signerId: doctor.id, subject: "visit" });

    const edit = await settle(() => noteRoute.action(visitArgs(post(url(visit.id, "/note"), fields("sửa sau khi ký", "1", "save"), doctor.cookie), visit.id)));
    expect(edit.status).toBe(409);
    expect(edit.data.signed).toBe(true);
    const [note] = await withTenant(a.id, systemActor("tests"), (t) => t.db.select().from(visitNotes).where(eq(visitNotes.visitId, visit.id)));
    expect(note).toMatchObject({ status: "signed", content: { reason: "Đau bụng" } });

    const added = await settle(() => noteRoute.action(visitArgs(post(url(visit.id, "/note"), { intent: "addendum", text: "Bổ sung: bệnh nhân báo dị ứng" }, doctor2.cookie), visit.id)));
    expect(added.status).toBe(302);
    const page = await settle(() => noteRoute.loader(visitArgs(get(url(visit.id, "/note"), doctor.cookie), visit.id)));
    expect(page.data.signed).toBe(true);
    expect(page.data.addenda).toEqual([expect.objectContaining({ text: "Bổ sung: bệnh nhân báo dị ứng", authorName: "Bác sĩ Thử Nghiệm" })]);
  });

  it("throttles wrong passwords: after five, even the right one is refused for a while", async () => {
    const visit = await newVisit("Bệnh Nhân Khoá Ký");
    const signer = await person(a.id, ["doctor"]);
    const signForm = { disposition: "home", followUpDate: "", referralTo: "", referralReason: "" };
    await settle(() => noteRoute.action(visitArgs(post(url(visit.id, "/note"), { ...fields("Sốt", "0", "save"), f_examination: "Họng đỏ" }, signer.cookie), visit.id)));
    await settle(() => diagnosesRoute.action(visitArgs(post(url(visit.id, "/diagnoses"), { code: "J02.9", principal: "true" }, signer.cookie), visit.id)));
    for (let i = 0; i < 5; i++) {
      await settle(() => signRoute.action(visitArgs(post(url(visit.id, "/sign"), { ...signForm, password: `sai-${i}` }, signer.cookie), visit.id)));
    }
    const locked = await settle(() => signRoute.action(visitArgs(post(url(visit.id, "/sign"), { ...signForm, password: TEST_PASSWORD }, signer.cookie), visit.id)));
    expect(locked.status).toBe(429);
    expect(locked.data.formError).toMatchObject({ key: "visit:sign.locked" });
  });
});

// The hospital's own note form, as the templates ship it (district NOI-TQ: reason, history, general,
// working diagnosis and plan required; no built-in "examination"). The note page, the save and signing
// must read the same fields: before decision 052 the built-in parts were merged in, the form's required
// history and plan were dropped and an "examination" the form does not have was required, so a doctor
// who filled every part the form asks for could never sign.
describe("signing a note written on the template's form", () => {
  let c: Hospital;
  let clinic: Person;
  let k01: string;
  const noiTq = findTemplate(DISTRICT_TEMPLATE)!.template.noteForms.find((f) => f.code === "NOI-TQ")!;

  beforeAll(async () => {
    c = await createTestHospital("Bệnh viện Mẫu Huyện");
    await withTenant(c.id, systemActor("tests"), (t) => applyTemplate(t, DISTRICT_TEMPLATE));
    clinic = await person(c.id, ["doctor"]);
    const [room] = await withTenant(c.id, systemActor("tests"), (t) => t.db.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.tenantId, t.tenantId), eq(rooms.code, "K01"))));
    k01 = room!.id;
  });

  it("shows, saves and checks the form's own fields, names the missing ones, and signs once they are filled", async () => {
    const patient = await createTestPatient(c.id, { fullName: "Bệnh Nhân Mẫu Nội" });
    const visit = await startVisitForTest(c.id, patient.id, k01);
    const at = (suffix: string) => url(visit.id, suffix, c.slug);
    const args = (request: Request) => visitArgs(request, visit.id, c.slug);

    // The note page shows the form as the template has it: its order, its required parts.
    const page = await settle(() => noteRoute.loader(args(get(at("/note"), clinic.cookie))));
    expect(page.data.formCode).toBe("NOI-TQ");
    expect(page.data.fields.map((f: { key: string; required: boolean }) => [f.key, f.required])).toEqual(noiTq.fields.map((f) => [f.key, f.required ?? false]));

    // What the editor posts: one box per field shown. A first save with only two parts filled.
    const boxes = (filled: Record<string, string>, version: string) => ({
      ...Object.fromEntries(page.data.fields.map((f: { key: string }) => [`f_${f.key}`, filled[f.key] ?? ""])),
      formCode: "NOI-TQ",
      version,
      intent: "save",
    });
    const partial = { reason: "Mệt, khát nước, tiểu nhiều", general: "Tỉnh, tiếp xúc tốt" };
    expect((await settle(() => noteRoute.action(args(post(at("/note"), boxes(partial, "0"), clinic.cookie))))).status).toBe(302);

    const blocked = await settle(() => signRoute.loader(args(get(at("/sign"), clinic.cookie))));
    expect(blocked.data.blocker).toEqual({
      refusal: "visit:sign.refused.incomplete",
      fields: [
        { vi: "Bệnh sử", en: "History of present illness" },
        { vi: "Chẩn đoán sơ bộ", en: "Working diagnosis" },
        { vi: "Hướng xử trí", en: "Plan" },
      ],
    });
    // The message names them, in either language.
    const vi = await i18next.getFixedT("vi", "visit");
    const en = await i18next.getFixedT("en", "visit");
    expect(vi("sign.refused.incomplete", { fields: "Bệnh sử, Chẩn đoán sơ bộ, Hướng xử trí" })).toBe("Phiếu khám còn thiếu mục bắt buộc: Bệnh sử, Chẩn đoán sơ bộ, Hướng xử trí.");
    expect(en("sign.refused.incomplete", { fields: "History of present illness, Working diagnosis, Plan" })).toBe(
      "The note lacks required parts: History of present illness, Working diagnosis, Plan.",
    );
    const signForm = { disposition: "home", followUpDate: "", referralTo: "", referralReason: "", password: TEST_PASSWORD };
    const refused = await settle(() => signRoute.action(args(post(at("/sign"), signForm, clinic.cookie))));
    expect(refused.status).toBe(409);
    expect(refused.data.formError).toEqual({ key: "visit:sign.refused.incomplete" });

    // Every part the form requires, and nothing else: the note is complete.
    const complete = { ...partial, history: "Khát nhiều, sụt 2 kg trong 1 tháng", diagnosis: "Tăng đường huyết", plan: "Xét nghiệm đường huyết" };
    expect((await settle(() => noteRoute.action(args(post(at("/note"), boxes(complete, "1"), clinic.cookie))))).status).toBe(302);
    expect((await settle(() => signRoute.loader(args(get(at("/sign"), clinic.cookie))))).data.blocker).toEqual({ refusal: "visit:sign.refused.noPrincipal" });
    expect((await settle(() => diagnosesRoute.action(args(post(at("/diagnoses"), { code: "R73.9", principal: "true" }, clinic.cookie))))).status).toBe(302);
    expect((await settle(() => signRoute.loader(args(get(at("/sign"), clinic.cookie))))).data.blocker).toBeNull();

    const signed = await settle(() => signRoute.action(args(post(at("/sign"), signForm, clinic.cookie))));
    expect(signed.status).toBe(302);
    const [note] = await withTenant(c.id, systemActor("tests"), (t) => t.db.select().from(visitNotes).where(eq(visitNotes.visitId, visit.id)));
    expect(note).toMatchObject({ status: "signed", formCode: "NOI-TQ", content: complete });

    // The printed record (15/BV1) prints the form's examination parts by their labels.
    const record = await settle(() => printRecordRoute.loader(args(get(at("/print/record"), clinic.cookie))));
    expect(record.status).toBe(200);
    expect(record.data.view.clinical).toMatchObject({
      reason: complete.reason,
      history: complete.history,
      examination: "Toàn thân: Tỉnh, tiếp xúc tốt",
    });
  });
});
