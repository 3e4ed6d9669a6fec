// The practice copy's pages at the HTTP boundary (decision 043): the administrator's page opens and
// resets the copy; the layout tells every page of a copy that it is one; the copy's home lists the
// member's tasks; an archived copy is locked; a copy cannot open a copy of its own.
import { beforeAll, describe, expect, it } from "vitest";
import type { StaffRole } from "~db/schema";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import * as hospitalIndex from "~/routes/h.$hospital._index";
import * as hospitalLayout from "~/routes/h.$hospital";
import * as pickerRoute from "~/routes/h._index";
import * as trainingRoute from "~/routes/h.$hospital.training";
import { createTestHospital, createTestStaff } from "../support/factories";
import { fakeContext, get, post, settle } from "../support/http";

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;

const args = (request: Request, params: Record<string, string>) => ({ request, context: fakeContext(), params });

async function cookieFor(hospitalId: string, roles: StaffRole[]) {
  const user = await createTestStaff(hospitalId, roles);
  const { token } = await createUserSession(user.id);
  return { user, cookie: `${sessionCookieName(false)}=${token}` };
}

let real: Hospital;
let admin: { user: { id: string }; cookie: string };
let nurse: { user: { id: string }; cookie: string };
let copySlug: string;

beforeAll(async () => {
  real = await createTestHospital("Bệnh viện Cổng Thực Hành");
  admin = await cookieFor(real.id, ["admin"]);
  nurse = await cookieFor(real.id, ["nurse"]);
  copySlug = `${real.slug}-thuc-hanh`;
});

describe("the practice copy's pages", () => {
  it("the administrator opens the copy and lands on its home", async () => {
    const outcome = await settle(() =>
      trainingRoute.action(args(post(`/h/${real.slug}/training`, { intent: "open" }, admin.cookie), { hospital: real.slug })),
    );
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`/h/${copySlug}`);
  });

  it("works while the hospital is still onboarding, and the copy takes clinical work at once", async () => {
    const onboarding = await createTestHospital("Bệnh viện Mới Đăng Ký");
    const boss = await cookieFor(onboarding.id, ["admin"]);
    const { withPlatform } = await import("~db/scope.server");
    const { tenants } = await import("~db/schema");
    const { eq } = await import("drizzle-orm");
    await withPlatform("test: a hospital still onboarding", (p) => p.db.update(tenants).set({ status: "onboarding" }).where(eq(tenants.id, onboarding.id)));
    const opened = await settle(() =>
      trainingRoute.action(args(post(`/h/${onboarding.slug}/training`, { intent: "open" }, boss.cookie), { hospital: onboarding.slug })),
    );
    expect(opened.headers.get("Location")).toBe(`/h/${onboarding.slug}-thuc-hanh`);
    const registerRoute = await import("~/routes/h.$hospital.patients.new");
    const copy = `${onboarding.slug}-thuc-hanh`;
    const registered = await settle(() =>
      registerRoute.action(
        args(post(`/h/${copy}/patients/new`, { fullName: "Vũ Thị Tập Sự", birthDate: "01/02/1990", sex: "female", phone: "" }, boss.cookie), { hospital: copy }),
      ),
    );
    expect(registered.status).toBe(302);
    // Registered: on to starting the patient's visit (reception), or the patient's page.
    expect(registered.headers.get("Location")).toMatch(new RegExp(`^/h/${copy}/(patients|reception/visit)/`));
  });

  it("refuses a form our pages never send", async () => {
    const outcome = await settle(() =>
      trainingRoute.action(args(post(`/h/${real.slug}/training`, { intent: "delete" }, admin.cookie), { hospital: real.slug })),
    );
    expect(outcome.status).toBe(400);
  });

  it("the layout marks every page of the copy, and offers the real hospital's members their copy", async () => {
    const inCopy = await settle(() => hospitalLayout.loader(args(get(`/h/${copySlug}/patients`, nurse.cookie), { hospital: copySlug })));
    expect(inCopy.status).toBe(200);
    expect(inCopy.data).toMatchObject({ practice: { realSlug: real.slug }, practiceSlug: null, managesTraining: false });
    const inReal = await settle(() => hospitalLayout.loader(args(get(`/h/${real.slug}/patients`, nurse.cookie), { hospital: real.slug })));
    expect(inReal.data).toMatchObject({ practice: null, practiceSlug: copySlug, managesTraining: false, worksInSeveralHospitals: false });
    const adminInReal = await settle(() => hospitalLayout.loader(args(get(`/h/${real.slug}/patients`, admin.cookie), { hospital: real.slug })));
    expect(adminInReal.data).toMatchObject({ managesTraining: true });
  });

  it("the copy's home lists the member's tasks; a real hospital's index still goes to its patients", async () => {
    const home = await settle(() => hospitalIndex.loader(args(get(`/h/${copySlug}`, nurse.cookie), { hospital: copySlug })));
    expect(home.status).toBe(200);
    expect(home.data.tasks).toEqual([{ id: "recordVitals", done: false, path: "worklist" }]);
    const index = await settle(() => hospitalIndex.loader(args(get(`/h/${real.slug}`, nurse.cookie), { hospital: real.slug })));
    expect(index.status).toBe(302);
    expect(index.headers.get("Location")).toBe(`/h/${real.slug}/patients`);
  });

  it("a person with one real hospital and its copy goes straight to the hospital; the picker marks copies", async () => {
    const outcome = await settle(() => pickerRoute.loader(args(get("/h", nurse.cookie), {})));
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`/h/${real.slug}/patients`);
    const second = await createTestHospital("Bệnh viện Thứ Hai");
    const { addMembership } = await import("~/hospitals/add-staff.server");
    await addMembership(second.id, nurse.user.id, ["nurse"], { kind: "system", userId: null });
    const picker = await settle(() => pickerRoute.loader(args(get("/h", nurse.cookie), {})));
    expect(picker.status).toBe(200);
    expect(picker.data.hospitals).toContainEqual({ slug: copySlug, name: real.name, practice: true });
    expect(picker.data.hospitals).toContainEqual({ slug: real.slug, name: real.name, practice: false });
  });

  it("inside the copy the administrator's page only points back, and its actions are refused", async () => {
    const page = await settle(() => trainingRoute.loader(args(get(`/h/${copySlug}/training`, admin.cookie), { hospital: copySlug })));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ inPractice: true, realSlug: real.slug, people: [] });
    const open = await settle(() =>
      trainingRoute.action(args(post(`/h/${copySlug}/training`, { intent: "open" }, admin.cookie), { hospital: copySlug })),
    );
    expect(open.status).toBe(400);
  });

  it("reset asks first, then archives: the old copy is locked at the door", async () => {
    const ask = await settle(() => trainingRoute.loader(args(get(`/h/${real.slug}/training?reset=ask`, admin.cookie), { hospital: real.slug })));
    expect(ask.data).toMatchObject({ askReset: true, practiceSlug: copySlug });
    const reset = await settle(() =>
      trainingRoute.action(args(post(`/h/${real.slug}/training`, { intent: "reset" }, admin.cookie), { hospital: real.slug })),
    );
    expect(reset.status).toBe(302);
    expect(reset.headers.get("Location")).toBe(`/h/${real.slug}/training?reset=done`);
    // The plain slug is the fresh copy's; the archived one answers as a suspended hospital.
    const { findMyHospital } = await import("~/hospitals/list-my-hospitals.server");
    const fresh = await findMyHospital(admin.user.id, copySlug);
    expect(fresh).toMatchObject({ archived: false });
    const { adminRows } = await import("../support/admin");
    const { sql } = await import("drizzle-orm");
    const [archived] = await adminRows<{ slug: string }>(sql`select slug from tenants where training_of = ${real.id} and archived_at is not null`);
    const locked = await settle(() =>
      hospitalLayout.loader(args(get(`/h/${archived!.slug}/patients`, admin.cookie), { hospital: archived!.slug })),
    );
    expect(locked.status).toBe(403);
  });
});
