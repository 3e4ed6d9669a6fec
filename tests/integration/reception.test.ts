// Reception (issue 8): registering with what Vietnamese reception records, the ID card's QR scan, likely
// duplicates before a new record, starting a visit with a queue number per room and day, the slip, and
// isolation between hospitals. Through the route modules, on the real database.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, patients, tenantCounters, visits, type StaffRole } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import enPatients from "~/locales/en/patients.json";
import enReception from "~/locales/en/reception.json";
import viPatients from "~/locales/vi/patients.json";
import viReception from "~/locales/vi/reception.json";
import { todayInVietnam } from "~/patients/vietnam-date";
import { queueCounterId, startVisit } from "~/reception/visits.server";
import * as registerRoute from "~/routes/h.$hospital.patients.new";
import * as receptionRoute from "~/routes/h.$hospital.reception._index";
import * as slipRoute from "~/routes/h.$hospital.reception.slip.$visitId";
import * as visitRoute from "~/routes/h.$hospital.reception.visit.$patientId";
import { createTestHospital, createTestPatient, createTestRoom, createTestStaff, createTestVisit } from "../support/factories";
import { fakeContext, get, post, settle } from "../support/http";

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;

const args = (request: Request, params: Record<string, string>) => ({ request, context: fakeContext("10.9.8.7"), params });

async function cookieFor(hospitalId: string, roles: StaffRole[]) {
  const user = await createTestStaff(hospitalId, roles);
  const { token } = await createUserSession(user.id);
  return { user, cookie: `${sessionCookieName(false)}=${token}` };
}

const count = (hospitalId: string) => withTenant(hospitalId, systemActor("tests"), (t) => t.db.$count(patients));

function lookup(messages: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

let hospitalA: Hospital;
let hospitalB: Hospital;
let reception: { user: { id: string }; cookie: string };
let nurse: { cookie: string };
let roomA: { id: string };
let roomA2: { id: string };
let labRoomA: { id: string };
let roomB: { id: string };

// A man born 05/03/1990 whose birth was registered in Đồng Tháp (087): century/sex digit 0.
const CCCD_1990_MALE = "087090012345";

beforeAll(async () => {
  [hospitalA, hospitalB] = await Promise.all([createTestHospital("Bệnh viện Tiếp đón A"), createTestHospital("Bệnh viện Tiếp đón B")]);
  reception = await cookieFor(hospitalA.id, ["receptionist"]);
  nurse = await cookieFor(hospitalA.id, ["nurse"]);
  roomA = await createTestRoom(hospitalA.id, { name: "Phòng khám Nội" });
  roomA2 = await createTestRoom(hospitalA.id, { name: "Phòng khám Nhi" });
  labRoomA = await createTestRoom(hospitalA.id, { name: "Xét nghiệm", kind: "lab" });
  roomB = await createTestRoom(hospitalB.id);
});

const register = (fields: Record<string, string>, cookie = reception.cookie, hospital = () => hospitalA) =>
  settle(() => registerRoute.action(args(post(`/h/${hospital().slug}/patients/new`, fields, cookie), { hospital: hospital().slug })));

const full = {
  fullName: "Phạm Văn Quét",
  birthDate: "05031990",
  sex: "male",
  phone: "+84 912 000 111",
  citizenId: CCCD_1990_MALE,
  insuranceNumber: "gd4 87 0100000178",
  insuranceValidFrom: "01/01/2026",
  insuranceValidTo: "31122026",
  insuranceFacility: "87012",
  ethnicityCode: "01",
  occupationCode: "61",
  provinceCode: "82",
  communeCode: "30010",
  street: "Số 12, Ấp 3",
};

describe("registering with reception's details", () => {
  it("stores the citizen ID, insurance card, lists, 2025 address and phone, then goes on to start a visit", async () => {
    const outcome = await register(full);
    expect(outcome.status).toBe(302);
    const location = outcome.headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^/h/${hospitalA.slug}/reception/visit/[0-9a-f-]{36}\\?registered=1$`));
    const id = location.split("/").at(-1)!.split("?")[0]!;
    const [row] = await withTenant(hospitalA.id, systemActor("tests"), (t) => t.db.select().from(patients).where(and(eq(patients.tenantId, t.tenantId), eq(patients.id, id))));
    expect(row).toMatchObject({
      birthDate: "1990-03-05",
      birthDatePrecision: "day",
      phone: "0912000111",
      citizenId: CCCD_1990_MALE,
      insuranceNumber: "GD4870100000178",
      socialInsuranceNumber: "0100000178",
      insuranceValidFrom: "2026-01-01",
      insuranceValidTo: "2026-12-31",
      insuranceFacility: "87012",
      ethnicityCode: "01",
      occupationCode: "61",
      provinceCode: "82",
      communeCode: "30010",
      street: "Số 12, Ấp 3",
    });
  });

  it("takes a year-only birth date and keeps it as the year (decision 035)", async () => {
    const outcome = await register({ fullName: "Lò Văn Năm Sinh", birthDate: "1948", sex: "male" });
    expect(outcome.status).toBe(302);
    const id = outcome.headers.get("Location")!.split("/").at(-1)!.split("?")[0]!;
    const [row] = await withTenant(hospitalA.id, systemActor("tests"), (t) => t.db.select().from(patients).where(and(eq(patients.tenantId, t.tenantId), eq(patients.id, id))));
    expect(row).toMatchObject({ birthDate: "1948-01-01", birthDatePrecision: "year" });
  });

  it("refuses malformed or inconsistent input with a message per field, saving nothing", async () => {
    const before = await count(hospitalA.id);
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ citizenId: "08709001234" }, { citizenId: "validation.citizenId.format" }],
      [{ citizenId: "099090012345" }, { citizenId: "validation.citizenId.province" }],
      [{ citizenId: "087091012345" }, { citizenId: "validation.citizenId.birthYear" }],
      [{ citizenId: "087190012345" }, { citizenId: "validation.citizenId.sex" }],
      [{ insuranceNumber: "GD6870100000178" }, { insuranceNumber: "validation.insuranceNumber.benefitLevel" }],
      [{ insuranceNumber: "GD48701000001" }, { insuranceNumber: "validation.insuranceNumber.format" }],
      [{ insuranceValidTo: "" }, { insuranceValidTo: "validation.insuranceDate.required" }],
      [{ insuranceValidTo: "31/12/2025" }, { insuranceValidTo: "validation.insuranceDate.order" }],
      [{ insuranceValidFrom: "2026-01-01" }, { insuranceValidFrom: "validation.insuranceDate.format" }],
      [{ insuranceFacility: "8701" }, { insuranceFacility: "validation.insuranceFacility.format" }],
      [{ ethnicityCode: "99" }, { ethnicityCode: "validation.choice.unknown" }],
      [{ provinceCode: "38" }, { communeCode: "validation.commune.notInProvince" }],
      [{ birthDate: "1990-03-05" }, { birthDate: "validation.birthDate.format" }],
      [{ birthDate: "31021990" }, { birthDate: "validation.birthDate.notReal" }],
      [{ phone: "+84 12" }, { phone: "validation.phone.format" }],
    ];
    for (const [changes, errors] of cases) {
      const outcome = await register({ ...full, fullName: "Người Sai Dữ Liệu", ...changes });
      expect(outcome.status, JSON.stringify(changes)).toBe(400);
      expect(outcome.data.errors, JSON.stringify(changes)).toEqual(errors);
      // What was typed comes back.
      expect(outcome.data.values.fullName).toBe("Người Sai Dữ Liệu");
      for (const key of Object.values(errors)) {
        expect(typeof lookup(viPatients, key), `vi ${key}`).toBe("string");
        expect(typeof lookup(enPatients, key), `en ${key}`).toBe("string");
      }
    }
    expect(await count(hospitalA.id)).toBe(before);
  });

  it("asks for a guardian for a child under 6", async () => {
    const today = todayInVietnam();
    const birth = `${String(Number(today.slice(0, 4)) - 2)}`;
    const outcome = await register({ fullName: "Bé Không Người Giám Hộ", birthDate: birth, sex: "female" });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({
      guardianName: "validation.guardian.required",
      guardianRelation: "validation.guardian.required",
      guardianPhone: "validation.guardian.required",
    });
    const ok = await register({ fullName: "Bé Có Mẹ", birthDate: birth, sex: "female", guardianName: "Trần Thị Mẹ", guardianRelation: "Mẹ", guardianPhone: "0912 000 222" });
    expect(ok.status).toBe(302);
  });
});

describe("likely duplicates", () => {
  let seen: { id: string };
  beforeAll(async () => {
    seen = await createTestPatient(hospitalA.id, {
      fullName: "Võ Thị Trùng",
      birthDate: "1975-07-15",
      sex: "female",
      phone: "0987654321",
      details: { citizenId: "087175000111", insuranceNumber: "HT3870200000999", insuranceValidFrom: "2026-01-01", insuranceValidTo: "2026-12-31" },
    });
  });

  const base = { fullName: "Người Hoàn Toàn Khác", birthDate: "01/01/1960", sex: "female" };
  const cases: [string, Record<string, string>][] = [
    ["citizenId", { citizenId: "087175000111", birthDate: "15/07/1975" }],
    ["insuranceNumber", { insuranceNumber: "HT3870200000999", insuranceValidFrom: "01/01/2026", insuranceValidTo: "31/12/2026" }],
    // A new card of the same person: another group, the same 10-digit social-insurance number.
    ["insuranceNumber", { insuranceNumber: "GD4870200000999", insuranceValidFrom: "01/01/2026", insuranceValidTo: "31/12/2026" }],
    ["nameBirth", { fullName: "vo thi trung", birthDate: "15/07/1975" }],
    ["nameBirth", { fullName: "Võ Thị Trùng", birthDate: "1975" }],
    ["phoneBirth", { phone: "0987 654 321", birthDate: "15071975" }],
  ];

  for (const [reason, changes] of cases) {
    it(`shows the patient with the same ${reason} and saves nothing until "create anyway" (${JSON.stringify(changes)})`, async () => {
      const before = await count(hospitalA.id);
      const outcome = await register({ ...base, ...changes });
      expect(outcome.status).toBe(200);
      const found = outcome.data.duplicates as { id: string; reasons: string[] }[];
      expect(found.map((d) => d.id)).toContain(seen.id);
      expect(found.find((d) => d.id === seen.id)!.reasons).toContain(reason);
      expect(outcome.data.values.fullName).toBe({ ...base, ...changes }.fullName);
      expect(await count(hospitalA.id)).toBe(before);
    });
  }

  it("creates the record on the deliberate second submit", async () => {
    const before = await count(hospitalA.id);
    const outcome = await register({ ...base, fullName: "Võ Thị Trùng", birthDate: "15/07/1975", intent: "createAnyway" });
    expect(outcome.status).toBe(302);
    expect(await count(hospitalA.id)).toBe(before + 1);
  });

  it("does not call a different person a duplicate, nor one from another hospital", async () => {
    const outcome = await register({ fullName: "Võ Thị Trùng", birthDate: "16/07/1975", sex: "female" }, (await cookieFor(hospitalB.id, ["receptionist"])).cookie, () => hospitalB);
    expect(outcome.status).toBe(302);
  });
});

describe("the ID card's QR code", () => {
  const scanOf = (cccd: string, name: string) => `${cccd}||${name}|05031990|Nam|Số 12, Ấp 3, Xã Tam Nông, Tỉnh Đồng Tháp|10082021`;

  it("fills the registration form from a scan typed into the name field (no JavaScript)", async () => {
    const outcome = await register({ fullName: scanOf("087090099999", "Huỳnh Văn Quét Mới") });
    expect(outcome.status).toBe(200);
    expect(outcome.data.refill).toBe("scan");
    expect(outcome.data.errors).toEqual({});
    expect(outcome.data.values).toMatchObject({
      fullName: "Huỳnh Văn Quét Mới",
      birthDate: "05/03/1990",
      sex: "male",
      citizenId: "087090099999",
      provinceCode: "82",
      communeCode: "30010",
      street: "Số 12, Ấp 3",
    });
    expect(outcome.data.communes.length).toBeGreaterThan(50);
  });

  it("opens the patient who already has the scanned citizen ID, from the name field and from the reception search", async () => {
    const known = await createTestPatient(hospitalA.id, { fullName: "Đặng Văn Đã Có", birthDate: "1990-03-05", details: { citizenId: "087090077777" } });
    const fromForm = await register({ fullName: scanOf("087090077777", "Đặng Văn Đã Có") });
    expect(fromForm.status).toBe(302);
    expect(fromForm.headers.get("Location")).toBe(`/h/${hospitalA.slug}/reception/visit/${known.id}?found=1`);
    const fromSearch = await settle(() =>
      receptionRoute.loader(args(get(`/h/${hospitalA.slug}/reception?q=${encodeURIComponent(scanOf("087090077777", "Đặng Văn Đã Có"))}`, reception.cookie), { hospital: hospitalA.slug })),
    );
    expect(fromSearch.status).toBe(302);
    expect(fromSearch.headers.get("Location")).toBe(`/h/${hospitalA.slug}/reception/visit/${known.id}?found=1`);
  });

  it("sends an unknown card from the reception search to the registration form, filled in", async () => {
    const scan = scanOf("087090088888", "Trương Văn Mới Quét");
    const fromSearch = await settle(() =>
      receptionRoute.loader(args(get(`/h/${hospitalA.slug}/reception?q=${encodeURIComponent(scan)}`, reception.cookie), { hospital: hospitalA.slug })),
    );
    expect(fromSearch.status).toBe(302);
    const location = fromSearch.headers.get("Location")!;
    expect(location.startsWith(`/h/${hospitalA.slug}/patients/new?scan=`)).toBe(true);
    const form = await settle(() => registerRoute.loader(args(get(location, reception.cookie), { hospital: hospitalA.slug })));
    expect(form.status).toBe(200);
    expect(form.data.values).toMatchObject({ fullName: "Trương Văn Mới Quét", citizenId: "087090088888", sex: "male" });
  });

  it("finds a patient at reception by citizen ID, insurance card and social-insurance number", async () => {
    const p = await createTestPatient(hospitalA.id, {
      fullName: "Mai Văn Thẻ",
      details: { citizenId: "087080123456", insuranceNumber: "DN4871234567890", insuranceValidFrom: "2026-01-01", insuranceValidTo: "2026-12-31" },
    });
    for (const q of ["087080123456", "DN4871234567890", "dn4 87 1234567890", "1234567890"]) {
      const outcome = await settle(() => receptionRoute.loader(args(get(`/h/${hospitalA.slug}/reception?q=${encodeURIComponent(q)}`, reception.cookie), { hospital: hospitalA.slug })));
      expect(outcome.status, q).toBe(200);
      expect((outcome.data.results as { id: string }[]).map((r) => r.id), q).toContain(p.id);
    }
  });
});

describe("starting a visit", () => {
  const start = (patientId: string, fields: Record<string, string>, cookie = reception.cookie, hospital = () => hospitalA) =>
    settle(() =>
      visitRoute.action(args(post(`/h/${hospital().slug}/reception/visit/${patientId}`, fields, cookie), { hospital: hospital().slug, patientId })),
    );

  it("gives the next queue number of the room for today and goes to the slip", async () => {
    const room = await createTestRoom(hospitalA.id);
    const first = await createTestPatient(hospitalA.id, { fullName: "Số Một" });
    const second = await createTestPatient(hospitalA.id, { fullName: "Số Hai" });
    const a = await start(first.id, { roomId: room.id, payer: "self_pay" });
    const b = await start(second.id, { roomId: room.id, payer: "self_pay" });
    expect(a.status).toBe(302);
    expect(a.headers.get("Location")).toMatch(new RegExp(`^/h/${hospitalA.slug}/reception/slip/[0-9a-f-]{36}\\?started=1$`));
    const slipId = b.headers.get("Location")!.split("/").at(-1)!.split("?")[0]!;
    const slip = await settle(() => slipRoute.loader(args(get(`/h/${hospitalA.slug}/reception/slip/${slipId}`, reception.cookie), { hospital: hospitalA.slug, visitId: slipId })));
    expect(slip.status).toBe(200);
    expect(slip.data.slip).toMatchObject({ queueNumber: 2, payer: "self_pay", patient: { fullName: "Số Hai" } });
    expect(slip.data.hospitalName).toBe("Bệnh viện Tiếp đón A");
    // Opening the slip is an audited read of the visit.
    const entries = await withTenant(hospitalA.id, systemActor("tests"), (t) =>
      t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.action, "visit.read"), eq(auditEvents.entityId, slipId))),
    );
    expect(entries).toHaveLength(1);
  });

  it("numbers each room on its own, uniquely even when many start at once", async () => {
    const room = await createTestRoom(hospitalA.id);
    const other = await createTestRoom(hospitalA.id);
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => createTestPatient(hospitalA.id, { fullName: `Song Song ${i + 1}` })));
    const started = await Promise.all(
      people.map((p, i) => withTenant(hospitalA.id, systemActor("tests"), (t) => startVisit(t, { patientId: p.id, roomId: i % 3 === 0 ? other.id : room.id, payer: "self_pay" }))),
    );
    const numbers = (roomId: string) =>
      withTenant(hospitalA.id, systemActor("tests"), (t) =>
        t.db.select({ n: visits.queueNumber }).from(visits).where(and(eq(visits.tenantId, t.tenantId), eq(visits.roomId, roomId))),
      ).then((rows) => rows.map((r) => r.n).sort((x, y) => x - y));
    expect(started.every((s) => s.ok)).toBe(true);
    expect(await numbers(room.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await numbers(other.id)).toEqual([1, 2, 3, 4]);
    const [counter] = await withTenant(hospitalA.id, systemActor("tests"), (t) =>
      t.db.select().from(tenantCounters).where(and(eq(tenantCounters.tenantId, t.tenantId), eq(tenantCounters.id, queueCounterId(room.id, todayInVietnam())))),
    );
    expect(counter!.value).toBe(8);
  });

  it("continues after a number given in the room today by another path (a seed), never repeating it", async () => {
    const room = await createTestRoom(hospitalA.id);
    const p = await createTestPatient(hospitalA.id, { fullName: "Đã Có Số" });
    await withTenant(hospitalA.id, systemActor("tests"), (t) =>
      t.db.insert(visits).values({ tenantId: t.tenantId, patientId: p.id, roomId: room.id, visitDate: todayInVietnam(), queueNumber: 1, payer: "self_pay" }),
    );
    expect((await createTestVisit(hospitalA.id, p.id, room.id)).queueNumber).toBe(2);
    expect((await createTestVisit(hospitalA.id, p.id, room.id)).queueNumber).toBe(3);
  });

  it("refuses insurance without a valid card, a room that is not a clinic, and an empty form, starting nothing", async () => {
    const uninsured = await createTestPatient(hospitalA.id, { fullName: "Không Thẻ" });
    const expired = await createTestPatient(hospitalA.id, {
      fullName: "Thẻ Hết Hạn",
      details: { insuranceNumber: "GD4870300000001", insuranceValidFrom: "2020-01-01", insuranceValidTo: "2020-12-31" },
    });
    const cases: [string, Record<string, string>, Record<string, string>][] = [
      [uninsured.id, { roomId: roomA.id, payer: "insurance" }, { payer: "validation.insuranceMissing" }],
      [expired.id, { roomId: roomA.id, payer: "insurance" }, { payer: "validation.insuranceNotValid" }],
      [uninsured.id, { roomId: labRoomA.id, payer: "self_pay" }, { roomId: "validation.room.unknown" }],
      [uninsured.id, { roomId: roomB.id, payer: "self_pay" }, { roomId: "validation.room.unknown" }],
      [uninsured.id, { roomId: "", payer: "" }, { roomId: "validation.room.required", payer: "validation.payer.required" }],
    ];
    for (const [patientId, fields, errors] of cases) {
      const outcome = await start(patientId, fields);
      expect(outcome.status, JSON.stringify(fields)).toBe(400);
      expect(outcome.data.errors).toEqual(errors);
      for (const key of Object.values(errors)) {
        expect(typeof lookup(viReception, key), `vi ${key}`).toBe("string");
        expect(typeof lookup(enReception, key), `en ${key}`).toBe("string");
      }
    }
    const started = await withTenant(hospitalA.id, systemActor("tests"), (t) =>
      t.db.$count(visits, and(eq(visits.tenantId, t.tenantId), eq(visits.patientId, uninsured.id))),
    );
    expect(started).toBe(0);
  });

  it("is for visit:register only: a nurse may not queue patients", async () => {
    const p = await createTestPatient(hospitalA.id, { fullName: "Y Tá Thử" });
    expect((await start(p.id, { roomId: roomA2.id, payer: "self_pay" }, nurse.cookie)).status).toBe(403);
  });
});

describe("isolation", () => {
  it("answers 404 to hospital A for B's visit slip and B's patient, and lists only A's visits", async () => {
    const inB = await createTestPatient(hospitalB.id, { fullName: "Người Bệnh Viện B" });
    const visitB = await createTestVisit(hospitalB.id, inB.id, roomB.id);
    const slip = await settle(() => slipRoute.loader(args(get(`/h/${hospitalA.slug}/reception/slip/${visitB.id}`, reception.cookie), { hospital: hospitalA.slug, visitId: visitB.id })));
    expect(slip.status).toBe(404);
    const startForm = await settle(() => visitRoute.loader(args(get(`/h/${hospitalA.slug}/reception/visit/${inB.id}`, reception.cookie), { hospital: hospitalA.slug, patientId: inB.id })));
    expect(startForm.status).toBe(404);
    const startB = await settle(() =>
      visitRoute.action(args(post(`/h/${hospitalA.slug}/reception/visit/${inB.id}`, { roomId: roomA.id, payer: "self_pay" }, reception.cookie), { hospital: hospitalA.slug, patientId: inB.id })),
    );
    expect(startB.status).toBe(404);
    const home = await settle(() => receptionRoute.loader(args(get(`/h/${hospitalA.slug}/reception`, reception.cookie), { hospital: hospitalA.slug })));
    expect(home.status).toBe(200);
    expect((home.data.visits as { id: string }[]).map((v) => v.id)).not.toContain(visitB.id);
    const byCccd = await settle(() =>
      receptionRoute.loader(args(get(`/h/${hospitalA.slug}/reception?q=${encodeURIComponent("Người Bệnh Viện B")}`, reception.cookie), { hospital: hospitalA.slug })),
    );
    expect((byCccd.data.results as { id: string }[]).map((r) => r.id)).not.toContain(inB.id);
  });

  it("opens on today's visits and recently registered patients", async () => {
    const p = await createTestPatient(hospitalA.id, { fullName: "Mới Đăng Ký Hôm Nay" });
    const v = await createTestVisit(hospitalA.id, p.id, roomA2.id);
    const home = await settle(() => receptionRoute.loader(args(get(`/h/${hospitalA.slug}/reception`, reception.cookie), { hospital: hospitalA.slug })));
    const row = (home.data.visits as { id: string; queueNumber: number; patientName: string; status: string; waitingMinutes: number }[]).find((x) => x.id === v.id)!;
    expect(row).toMatchObject({ queueNumber: v.queueNumber, patientName: "Mới Đăng Ký Hôm Nay", status: "waiting" });
    expect(row.waitingMinutes).toBeGreaterThanOrEqual(0);
    expect((home.data.recent as { id: string }[]).map((r) => r.id)).toContain(p.id);
    expect(home.data.results).toBeNull();
  });
});
