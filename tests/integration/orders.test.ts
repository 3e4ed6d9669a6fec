// Orders, results and prescriptions at the HTTP boundary and in the domain: a doctor orders, the lab
// enters a result, the doctor sees it flagged; every read of results is audited; the prescription
// computes quantities, refuses zero, warns on allergies and duplicate ingredients, and stops changing
// once the visit is signed; a member of another hospital gets 404 for all of it.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, orderResults, orders, type StaffRole } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import { flagResult } from "~/orders/order";
import { listResultsForPatient } from "~/orders/orders.server";
import { computeQuantity } from "~/prescriptions/prescription";
import { listActiveMedicines } from "~/prescriptions/prescriptions.server";
import * as resultRoute from "~/routes/h.$hospital.lab.$orderId";
import * as labRoute from "~/routes/h.$hospital.lab._index";
import * as ordersRoute from "~/routes/h.$hospital.visits.$visitId.orders";
import * as rxRoute from "~/routes/h.$hospital.visits.$visitId.prescription";
import * as printRxRoute from "~/routes/h.$hospital.visits.$visitId.print.prescription";
import * as printRecordRoute from "~/routes/h.$hospital.visits.$visitId.print.record";
import { createTestHospital, createTestStaff } from "../support/factories";
import { addAllergy } from "~/chart/patient-lists.server";
import { fakeContext, get, post, settle } from "../support/http";
import { createOrderCatalog, createTestVisit, createVisitFor, signTestVisit } from "./order-fixtures";


type Hospital = Awaited<ReturnType<typeof createTestHospital>>;
type Catalog = Awaited<ReturnType<typeof createOrderCatalog>>;
type Person = { user: { id: string }; cookie: string };

const args = (request: Request, params: Record<string, string>) => ({ request, context: fakeContext("10.9.8.7"), params });

async function personIn(hospitalId: string, roles: StaffRole[]): Promise<Person> {
  const user = await createTestStaff(hospitalId, roles);
  const { token } = await createUserSession(user.id);
  return { user, cookie: `${sessionCookieName(false)}=${token}` };
}

let hospitalA: Hospital;
let hospitalB: Hospital;
let catalogA: Catalog;
let catalogB: Catalog;
let doctor: Person;
let lab: Person;
let doctorB: Person;

beforeAll(async () => {
  [hospitalA, hospitalB] = await Promise.all([createTestHospital("Bệnh viện Chỉ định A"), createTestHospital("Bệnh viện Chỉ định B")]);
  [catalogA, catalogB] = await Promise.all([createOrderCatalog(hospitalA.id), createOrderCatalog(hospitalB.id)]);
  doctor = await personIn(hospitalA.id, ["doctor"]);
  lab = await personIn(hospitalA.id, ["lab"]);
  doctorB = await personIn(hospitalB.id, ["doctor"]);
});

const ordersPath = (h: Hospital, visitId: string) => `/h/${h.slug}/visits/${visitId}/orders`;
const rxPath = (h: Hospital, visitId: string) => `/h/${h.slug}/visits/${visitId}/prescription`;

const openOrders = (visitId: string, who: Person = doctor, h: Hospital = hospitalA) =>
  settle(() => ordersRoute.loader(args(get(ordersPath(h, visitId), who.cookie), { hospital: h.slug, visitId })));
const order = (visitId: string, fields: Record<string, string>, who: Person = doctor, h: Hospital = hospitalA) => {
  const body = new URLSearchParams({ intent: "order", ...fields });
  const request = new Request(`http://localhost${ordersPath(h, visitId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: who.cookie },
    body: body.toString(),
  });
  return settle(() => ordersRoute.action(args(request, { hospital: h.slug, visitId })));
};
const orderServices = (visitId: string, serviceIds: string[], who: Person = doctor) => {
  const body = new URLSearchParams({ intent: "order" });
  for (const id of serviceIds) body.append("serviceId", id);
  const request = new Request(`http://localhost${ordersPath(hospitalA, visitId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: who.cookie },
    body: body.toString(),
  });
  return settle(() => ordersRoute.action(args(request, { hospital: hospitalA.slug, visitId })));
};
const openResult = (orderId: string, who: Person = lab, h: Hospital = hospitalA) =>
  settle(() => resultRoute.loader(args(get(`/h/${h.slug}/lab/${orderId}`, who.cookie), { hospital: h.slug, orderId })));
const saveResult = (orderId: string, fields: Record<string, string>, who: Person = lab, h: Hospital = hospitalA) =>
  settle(() => resultRoute.action(args(post(`/h/${h.slug}/lab/${orderId}`, fields, who.cookie), { hospital: h.slug, orderId })));
const addDrug = (visitId: string, fields: Record<string, string>, who: Person = doctor, h: Hospital = hospitalA) =>
  settle(() =>
    rxRoute.action(
      args(post(rxPath(h, visitId), { intent: "add", route: "", instructions: "", ...fields }, who.cookie), { hospital: h.slug, visitId }),
    ),
  );
const openRx = (visitId: string, who: Person = doctor, h: Hospital = hospitalA) =>
  settle(() => rxRoute.loader(args(get(rxPath(h, visitId), who.cookie), { hospital: h.slug, visitId })));

async function ordersOf(hospitalId: string, visitId: string) {
  return withTenant(hospitalId, systemActor("tests"), (t) =>
    t.db.select().from(orders).where(and(eq(orders.tenantId, t.tenantId), eq(orders.visitId, visitId))),
  );
}

async function auditCount(hospitalId: string, action: string, patientId: string) {
  const [row] = await withTenant(hospitalId, systemActor("tests"), (t) =>
    t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.action, action), eq(auditEvents.patientId, patientId))),
  );
  return row!.n;
}

describe("results: flags and quantities", () => {
  it("flags a value outside the reference range, and checks only the bounds it has", () => {
    expect(flagResult("8.2", "3.9", "6.4")).toBe("high");
    expect(flagResult("3.1", "3.9", "6.4")).toBe("low");
    expect(flagResult("6.4", "3.9", "6.4")).toBe("normal");
    expect(flagResult("100", null, "6.4")).toBe("high");
    expect(flagResult("1", null, null)).toBeNull();
  });

  it("computes the quantity as dose × times a day × days, rounded up", () => {
    expect(computeQuantity(1, 3, 7)).toBe(21);
    expect(computeQuantity(0.5, 3, 5)).toBe(8);
    expect(computeQuantity(0.1, 3, 10)).toBe(3);
    expect(computeQuantity(0, 3, 5)).toBe(0);
  });
});

describe("order -> result -> the doctor sees it", () => {
  it("orders a CBC and glucose, the lab enters a high glucose, and the doctor sees it flagged; every read of it is audited", async () => {
    const { patient, visitId } = await createTestVisit(hospitalA.id, catalogA);
    const placed = await orderServices(visitId, [catalogA.services["XN-CTM"]!, catalogA.services["XN-GLU"]!]);
    expect(placed.status).toBe(302);
    expect(placed.headers.get("Location")).toBe(`${ordersPath(hospitalA, visitId)}?ordered=2`);
    // Ordering the same service again adds nothing.
    expect((await orderServices(visitId, [catalogA.services["XN-GLU"]!])).headers.get("Location")).toContain("ordered=0");

    // The lab's worklist has both, pending.
    const worklist = await settle(() =>
      labRoute.loader(args(get(`/h/${hospitalA.slug}/lab?room=${catalogA.rooms.XN}`, lab.cookie), { hospital: hospitalA.slug })),
    );
    const mine = worklist.data.rows.filter((r: { patientId: string }) => r.patientId === patient.id);
    expect(mine.map((r: { serviceCode: string }) => r.serviceCode).sort()).toEqual(["XN-CTM", "XN-GLU"]);

    const glucose = (await ordersOf(hospitalA.id, visitId)).find((o) => o.serviceId === catalogA.services["XN-GLU"])!;
    const refused = await saveResult(glucose.id, { kind: "numeric", version: "1", value: "abc", comment: "" });
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual({ value: "orders:result.errors.valueFormat" });

    const saved = await saveResult(glucose.id, { kind: "numeric", version: "1", value: "8,2", comment: "" });
    expect(saved.status).toBe(302);
    // The lab may not enter it twice against the same version (someone else got there first).
    expect((await saveResult(glucose.id, { kind: "numeric", version: "1", value: "8,3", comment: "" })).status).toBe(409);

    const before = await auditCount(hospitalA.id, "result.read", patient.id);
    const page = await openOrders(visitId);
    expect(page.status).toBe(200);
    const seen = page.data.orders.find((o: { serviceCode: string }) => o.serviceCode === "XN-GLU");
    expect(seen).toMatchObject({ status: "resulted", result: { valueNumeric: "8.2", unit: "mmol/L", flag: "high", corrected: false } });
    expect(await auditCount(hospitalA.id, "result.read", patient.id)).toBe(before + 1);

    // The chart summary's reader: audited too.
    const chart = await withTenant(hospitalA.id, { kind: "user", userId: doctor.user.id }, (t) => listResultsForPatient(t, patient.id));
    expect(chart.map((r) => [r.serviceCode, r.result?.flag])).toEqual([["XN-GLU", "high"]]);
    expect(await auditCount(hospitalA.id, "result.read", patient.id)).toBe(before + 2);
  });

  it("keeps a corrected result: the new row supersedes the old, which stays, and results cannot be updated", async () => {
    const { visitId } = await createTestVisit(hospitalA.id, catalogA);
    await orderServices(visitId, [catalogA.services["XN-GLU"]!]);
    const [glucose] = await ordersOf(hospitalA.id, visitId);
    await saveResult(glucose!.id, { kind: "numeric", version: "1", value: "8.2", comment: "" });
    await saveResult(glucose!.id, { kind: "numeric", version: "2", value: "5.1", comment: "nhập nhầm" });
    const page = await openOrders(visitId);
    expect(page.data.orders[0].result).toMatchObject({ valueNumeric: "5.1", flag: "normal", corrected: true, valueText: "nhập nhầm" });
    const rows = await withTenant(hospitalA.id, systemActor("tests"), (t) =>
      t.db.select().from(orderResults).where(and(eq(orderResults.tenantId, t.tenantId), eq(orderResults.orderId, glucose!.id))),
    );
    expect(rows).toHaveLength(2);
    const refused: { message: string; cause?: { message?: string } } = await withTenant(hospitalA.id, systemActor("tests"), (t) =>
      t.db.update(orderResults).set({ valueNumeric: "1" }).where(and(eq(orderResults.tenantId, t.tenantId), eq(orderResults.orderId, glucose!.id))),
    ).then(
      () => ({ message: "updated" }),
      (error: { message: string; cause?: { message?: string } }) => error,
    );
    expect(refused.cause?.message ?? refused.message).toMatch(/append-only/);
  });

  it("takes a text report for imaging and an order set's services", async () => {
    const { visitId } = await createTestVisit(hospitalA.id, catalogA);
    expect((await order(visitId, { orderSet: "BO-DTD" })).headers.get("Location")).toContain("ordered=2");
    expect((await order(visitId, { serviceId: catalogA.services["CDHA-XQ-NGUC"]! })).status).toBe(302);
    const xray = (await ordersOf(hospitalA.id, visitId)).find((o) => o.serviceId === catalogA.services["CDHA-XQ-NGUC"])!;
    expect((await saveResult(xray.id, { kind: "text", version: "1", report: "" })).data.errors).toEqual({ report: "orders:result.errors.reportRequired" });
    expect((await saveResult(xray.id, { kind: "text", version: "1", report: "Tim phổi bình thường." })).status).toBe(302);
    const result = (await openResult(xray.id)).data.order.result;
    expect(result).toMatchObject({ valueText: "Tim phổi bình thường.", valueNumeric: null, flag: null });
  });

  it("refuses nothing chosen, and new orders on a signed visit", async () => {
    const { visitId } = await createTestVisit(hospitalA.id, catalogA);
    expect((await order(visitId, {})).data.formError).toEqual({ key: "orders:errors.nothingChosen" });
    await signTestVisit(hospitalA.id, visitId);
    expect((await order(visitId, { serviceId: catalogA.services["XN-GLU"]! })).data.formError).toEqual({ key: "orders:errors.visitSigned" });
  });
});

describe("the prescription", () => {
  const drug = (code: string) => catalogA.formulary[code]!;

  it("computes the quantity and refuses a zero dose or zero days", async () => {
    const { visitId } = await createTestVisit(hospitalA.id, catalogA);
    const added = await addDrug(visitId, { formularyItemId: drug("PARA500"), dosePerTake: "0,5", timesPerDay: "3", days: "5" });
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe(`${rxPath(hospitalA, visitId)}?added=8`);
    const zeroDose = await addDrug(visitId, { formularyItemId: drug("AMOX500"), dosePerTake: "0", timesPerDay: "3", days: "5" });
    expect(zeroDose.status).toBe(400);
    expect(zeroDose.data.errors).toEqual({ dosePerTake: "prescriptions:errors.doseNotPositive" });
    const zeroDays = await addDrug(visitId, { formularyItemId: drug("AMOX500"), dosePerTake: "1", timesPerDay: "3", days: "0" });
    expect(zeroDays.data.errors).toEqual({ days: "prescriptions:errors.daysFormat" });
    const negative = await addDrug(visitId, { formularyItemId: drug("AMOX500"), dosePerTake: "-1", timesPerDay: "3", days: "5" });
    expect(negative.data.errors).toEqual({ dosePerTake: "prescriptions:errors.doseNotPositive" });
    const page = await openRx(visitId);
    expect(page.data.prescription.items.map((i: { quantity: number; unit: string }) => [i.quantity, i.unit])).toEqual([[8, "viên"]]);
  });

  it("warns when the drug matches a recorded allergy, and records the warning when the doctor goes on", async () => {
    const { patient, visitId } = await createTestVisit(hospitalA.id, catalogA);
    // Recorded on the chart as the doctor would (app/chart/), read by the prescription's check.
    await withTenant(hospitalA.id, systemActor("tests"), (t) => addAllergy(t, patient.id, { substance: "Penicillin", reaction: null, severity: null }));
    const fields = { formularyItemId: drug("AMOX500"), dosePerTake: "1", timesPerDay: "3", days: "7" };
    const warned = await addDrug(visitId, fields);
    expect(warned.status).toBe(200);
    expect(warned.data.warnings).toEqual([{ kind: "allergy", substance: "Penicillin", ingredient: "amoxicillin" }]);
    expect((await openRx(visitId)).data.prescription.items).toEqual([]);
    const confirmed = await addDrug(visitId, { ...fields, acknowledgeWarnings: "1" });
    expect(confirmed.headers.get("Location")).toContain("added=21");
    expect((await openRx(visitId)).data.prescription.items[0].warnings).toEqual([{ kind: "allergy", substance: "Penicillin", ingredient: "amoxicillin" }]);
  });

  it("warns on an active ingredient already on this prescription or among the patient's current medicines", async () => {
    const { patient, visitId } = await createTestVisit(hospitalA.id, catalogA);
    await addDrug(visitId, { formularyItemId: drug("AMOX500"), dosePerTake: "1", timesPerDay: "3", days: "7" });
    const warned = await addDrug(visitId, { formularyItemId: drug("AUGM625"), dosePerTake: "1", timesPerDay: "2", days: "7" });
    expect(warned.data.warnings).toEqual([{ kind: "duplicate", ingredient: "amoxicillin", otherDrug: "Amoxicillin 500 mg", elsewhere: false }]);

    // A second visit of the same patient: the amoxicillin from the first is still being taken.
    const second = await createVisitFor(hospitalA.id, catalogA, patient.id);
    const elsewhere = await addDrug(second, { formularyItemId: drug("AMOX500"), dosePerTake: "1", timesPerDay: "3", days: "5" });
    expect(elsewhere.data.warnings).toEqual([{ kind: "duplicate", ingredient: "amoxicillin", otherDrug: "Amoxicillin 500 mg", elsewhere: true }]);

    const active = await withTenant(hospitalA.id, { kind: "user", userId: doctor.user.id }, (t) => listActiveMedicines(t, patient.id));
    expect(active.map((m) => [m.drugName, m.quantity])).toEqual([["Amoxicillin 500 mg", 21]]);
  });

  it("refuses any change once the visit is signed", async () => {
    const { visitId } = await createTestVisit(hospitalA.id, catalogA);
    await signTestVisit(hospitalA.id, visitId);
    const refused = await addDrug(visitId, { formularyItemId: drug("PARA500"), dosePerTake: "1", timesPerDay: "3", days: "3" });
    expect(refused.status).toBe(400);
    expect(refused.data.formError).toEqual({ key: "prescriptions:errors.visitSigned" });
    expect((await openRx(visitId)).data.canWrite).toBe(false);
  });
});

describe("printing", () => {
  it("prints the prescription and the record with the paper-copy footer and a QR code, audited", async () => {
    const { patient, visitId } = await createTestVisit(hospitalA.id, catalogA);
    await addDrug(visitId, { formularyItemId: catalogA.formulary.AMOX500!, dosePerTake: "1", timesPerDay: "3", days: "7" });
    const before = await auditCount(hospitalA.id, "print.prescription", patient.id);
    const printed = await settle(() =>
      printRxRoute.loader(args(get(`/h/${hospitalA.slug}/visits/${visitId}/print/prescription`, doctor.cookie), { hospital: hospitalA.slug, visitId })),
    );
    expect(printed.status).toBe(200);
    expect(printed.data.paper).toBe("a5");
    expect(printed.data.view).toMatchObject({
      hospitalName: hospitalA.name,
      lookupCode: expect.stringMatching(/^[0-9A-F]{4}-[0-9A-F]{4}$/),
      recordUrl: `http://localhost/h/${hospitalA.slug}/visits/${visitId}`,
      qr: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
      prescriberName: "Bác sĩ Thử Nghiệm",
      drugs: [expect.objectContaining({ name: "Amoxicillin 500 mg", quantity: 21 })],
    });
    expect(await auditCount(hospitalA.id, "print.prescription", patient.id)).toBe(before + 1);
    const record = await settle(() =>
      printRecordRoute.loader(args(get(`/h/${hospitalA.slug}/visits/${visitId}/print/record?paper=a5`, doctor.cookie), { hospital: hospitalA.slug, visitId })),
    );
    expect(record.data.paper).toBe("a5");
    expect(await auditCount(hospitalA.id, "print.record", patient.id)).toBe(1);
  });
});

describe("isolation: a member of hospital B asking for A's records", () => {
  it("gets 404 for A's visit orders, order result, prescription and printouts, and B's own pages never show them", async () => {
    const { visitId } = await createTestVisit(hospitalA.id, catalogA);
    await orderServices(visitId, [catalogA.services["XN-GLU"]!]);
    const [glucose] = await ordersOf(hospitalA.id, visitId);
    await saveResult(glucose!.id, { kind: "numeric", version: "1", value: "7", comment: "" });
    await addDrug(visitId, { formularyItemId: catalogA.formulary.PARA500!, dosePerTake: "1", timesPerDay: "2", days: "2" });

    const B = { hospital: hospitalB.slug };
    expect((await openOrders(visitId, doctorB, hospitalB)).status).toBe(404);
    expect((await order(visitId, { serviceId: catalogB.services["XN-GLU"]! }, doctorB, hospitalB)).status).toBe(404);
    expect((await openResult(glucose!.id, doctorB, hospitalB)).status).toBe(404);
    const labB = await personIn(hospitalB.id, ["lab"]);
    expect((await saveResult(glucose!.id, { kind: "numeric", version: "2", value: "1", comment: "" }, labB, hospitalB)).status).toBe(404);
    expect((await openRx(visitId, doctorB, hospitalB)).status).toBe(404);
    expect((await addDrug(visitId, { formularyItemId: catalogB.formulary.PARA500!, dosePerTake: "1", timesPerDay: "1", days: "1" }, doctorB, hospitalB)).status).toBe(404);
    for (const route of [printRxRoute, printRecordRoute]) {
      const kind = route === printRxRoute ? "prescription" : "record";
      expect((await settle(() => route.loader(args(get(`/h/${hospitalB.slug}/visits/${visitId}/print/${kind}`, doctorB.cookie), { ...B, visitId })))).status).toBe(404);
    }
    // A's lab room id in B's worklist: nothing of A's.
    const worklist = await settle(() => labRoute.loader(args(get(`/h/${hospitalB.slug}/lab?room=${catalogA.rooms.XN}`, labB.cookie), B)));
    expect(worklist.data.rows.map((r: { id: string }) => r.id)).not.toContain(glucose!.id);
    // Unknown and malformed ids are 404 too.
    for (const id of [randomUUID(), "abc"]) expect((await openResult(id)).status).toBe(404);
  });
});

describe("the lab worklist without a chosen room", () => {
  it("opens on the first room with orders waiting, and counts them", async () => {
    const hospital = await createTestHospital("Bệnh viện Danh sách");
    const catalog = await createOrderCatalog(hospital.id);
    const labHere = await personIn(hospital.id, ["lab"]);
    const doctorHere = await personIn(hospital.id, ["doctor"]);
    const { visitId } = await createTestVisit(hospital.id, catalog);
    const body = new URLSearchParams({ intent: "order", serviceId: catalog.services["XN-GLU"]! });
    const request = new Request(`http://localhost/h/${hospital.slug}/visits/${visitId}/orders`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: doctorHere.cookie },
      body: body.toString(),
    });
    expect((await settle(() => ordersRoute.action(args(request, { hospital: hospital.slug, visitId })))).status).toBe(302);
    const page = await settle(() => labRoute.loader(args(get(`/h/${hospital.slug}/lab`, labHere.cookie), { hospital: hospital.slug })));
    expect(page.data.roomId).toBe(catalog.rooms.XN);
    expect(page.data.rooms.map((r: { code: string; pending: number }) => [r.code, r.pending])).toEqual([
      ["CDHA", 0],
      ["XN", 1],
    ]);
    expect(page.data.rows).toHaveLength(1);
  });
});
