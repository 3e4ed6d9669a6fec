// Support access that the hospital controls (issue 9, decision 059), proved at the database first: the
// platform role reads no patient table; a support transaction (withTenant, actor kind "support") sees
// nothing and writes nothing without an approved grant for that hospital, sees exactly that hospital
// with one, and nothing again once the grant is revoked or has expired. Then at the routes: staff do not
// approve requests, another hospital's admin cannot see or decide them, revocation ends access on the
// next request, and the hospital's audit page shows support activity.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, memberships, patients, supportGrants, visits } from "~db/schema";
import { rowsOf, systemActor, withPlatform, withTenant, type Actor } from "~db/scope.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import { registerPatient } from "~/patients/register-patient.server";
import * as auditRoute from "~/routes/h.$hospital.settings.audit";
import * as patientsRoute from "~/routes/h.$hospital.patients._index";
import * as supportSettingsRoute from "~/routes/h.$hospital.settings.support";
import * as staffSupportRoute from "~/routes/admin.support._index";
import * as newRequestRoute from "~/routes/admin.support.new";
import { decideSupportGrant, findHospitalForSupport, requestSupportGrant, withdrawSupportGrant } from "~/support/grants.server";
import { adminRows, withAdmin } from "../support/admin";
import { createTestHospital, createTestPatient, createTestRoom, createTestStaff, createTestVisit } from "../support/factories";
import { fakeContext, get, post, settle } from "../support/http";
import { expectPgError, PG } from "../support/pg-error";
import { createTestPlatformStaff } from "../support/staff";
import { PROJECT_RULES, tenantTableNames } from "../support/tenant-catalog";

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;
type Staff = Awaited<ReturnType<typeof createTestPlatformStaff>>;

const asUser = (userId: string): Actor => ({ kind: "user", userId, address: "10.1.1.1" });
const asSupport = (userId: string): Actor => ({ kind: "support", userId, address: "10.2.2.2" });

let a: Hospital;
let b: Hospital;
let adminA: { id: string; cookie: string };
let adminB: { id: string; cookie: string };

async function adminOf(hospital: Hospital) {
  const user = await createTestStaff(hospital.id, ["admin"]);
  const { token } = await createUserSession(user.id);
  return { id: user.id, cookie: `${sessionCookieName(false)}=${token}` };
}

async function request(staff: Staff, hospital: Hospital, preset: "view" | "configure" = "view", minutes = 120): Promise<string> {
  const found = (await findHospitalForSupport(hospital.id))!;
  return requestSupportGrant(found, { id: staff.id, displayName: "Nhân viên Hỗ trợ" }, { reason: "Ticket 42: lab results do not print", preset, minutes, emergency: false }, "http://localhost");
}

async function approve(grantId: string, hospital: Hospital, admin: { id: string }) {
  return withTenant(hospital.id, asUser(admin.id), (t) => decideSupportGrant(t, grantId, "approve"));
}

/** What a support transaction of this staff member sees of a hospital. */
async function seen(staff: { id: string }, hospital: Hospital) {
  return withTenant(hospital.id, asSupport(staff.id), async (t) => {
    const count = async (table: typeof patients | typeof visits | typeof memberships | typeof auditEvents) =>
      Number((await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n);
    return { patients: await count(patients), visits: await count(visits), memberships: await count(memberships), audit: await count(auditEvents) };
  });
}

beforeAll(async () => {
  a = await createTestHospital("Bệnh viện A");
  b = await createTestHospital("Bệnh viện B");
  adminA = await adminOf(a);
  adminB = await adminOf(b);
  for (const hospital of [a, b]) {
    const patient = await createTestPatient(hospital.id);
    const room = await createTestRoom(hospital.id);
    await createTestVisit(hospital.id, patient.id, room.id);
  }
});

// The outbox is shared by every test file: the support e-mails this file queues must not stand in the
// delivery tests' batch (signup.test.ts delivers the oldest due messages first).
afterAll(async () => {
  await withAdmin(({ db }) => db.execute(sql`update outbox set status = 'sent', sent_at = now() where kind in ('support-request', 'support-emergency') and status = 'queued'`));
});

describe("the platform role", () => {
  it("cannot select from any patient table (every tenant table but the two it reads for the door)", async () => {
    const tables = await withAdmin(({ db }) => tenantTableNames(db));
    expect(tables).toEqual(expect.arrayContaining(["patients", "visits", "visit_notes", "diagnoses", "orders", "prescriptions", "audit_events"]));
    for (const table of tables.filter((name) => !PROJECT_RULES.platformReadable.includes(name))) {
      await expectPgError(
        withPlatform("test: the platform role reads patient data", (p) => p.db.execute(sql.raw(`select count(*) from ${table}`))),
        PG.insufficientPrivilege,
      );
    }
  });

  it("cannot write a grant directly: only through the functions that enforce the transitions", async () => {
    const staff = await createTestPlatformStaff("support");
    await expectPgError(
      withPlatform("test: a forged grant", (p) =>
        p.db.insert(supportGrants).values({ hospitalId: a.id, staffUserId: staff.id, reason: "x", preset: "view", permissions: ["patient:read"], durationMinutes: 60, status: "approved" }),
      ),
      PG.insufficientPrivilege,
    );
  });
});

describe("a support transaction at the database", () => {
  it("sees nothing and writes nothing without a grant", async () => {
    const staff = await createTestPlatformStaff("support");
    expect(await seen(staff, a)).toEqual({ patients: 0, visits: 0, memberships: 0, audit: 0 });
    await expectPgError(
      withTenant(a.id, asSupport(staff.id), (t) => registerPatient(t, { fullName: "Trần Thị Bình", birthDate: "1990-01-01", sex: "female", phone: null })),
      PG.insufficientPrivilege,
    );
    // A pending request is no grant either.
    await request(staff, a);
    expect((await seen(staff, a)).patients).toBe(0);
  });

  it("sees exactly the hospital of an approved grant, and nothing of another", async () => {
    const staff = await createTestPlatformStaff("support");
    const grant = await request(staff, a);
    expect(await approve(grant, a, adminA)).toBe("ok");
    const inA = await seen(staff, a);
    const asAdmin = await withTenant(a.id, asUser(adminA.id), async (t) => Number((await t.db.select({ n: sql<number>`count(*)::int` }).from(patients))[0]!.n));
    expect(inA.patients).toBe(asAdmin);
    expect(inA.patients).toBeGreaterThan(0);
    expect(inA.visits).toBeGreaterThan(0);
    expect(await seen(staff, b)).toEqual({ patients: 0, visits: 0, memberships: 0, audit: 0 });
    // Another staff member gets nothing from this grant.
    const other = await createTestPlatformStaff("support");
    expect((await seen(other, a)).patients).toBe(0);
  });

  it("sees nothing after revocation", async () => {
    const staff = await createTestPlatformStaff("support");
    const grant = await request(staff, a);
    await approve(grant, a, adminA);
    expect((await seen(staff, a)).patients).toBeGreaterThan(0);
    expect(await withTenant(a.id, asUser(adminA.id), (t) => decideSupportGrant(t, grant, "revoke"))).toBe("ok");
    expect(await seen(staff, a)).toEqual({ patients: 0, visits: 0, memberships: 0, audit: 0 });
  });

  it("sees nothing after expiry", async () => {
    const staff = await createTestPlatformStaff("support");
    const grant = await request(staff, a);
    await approve(grant, a, adminA);
    expect((await seen(staff, a)).patients).toBeGreaterThan(0);
    await withAdmin(({ db }) => db.execute(sql`update support_grants set expires_at = now() - interval '1 second' where id = ${grant}`));
    expect(await seen(staff, a)).toEqual({ patients: 0, visits: 0, memberships: 0, audit: 0 });
  });

  it("sees nothing of a suspended hospital, even with a grant", async () => {
    const hospital = await createTestHospital("Bệnh viện tạm ngưng");
    const admin = await adminOf(hospital);
    await createTestPatient(hospital.id);
    const staff = await createTestPlatformStaff("support");
    const grant = await request(staff, hospital);
    await approve(grant, hospital, admin);
    expect((await seen(staff, hospital)).patients).toBe(1);
    await withAdmin(({ db }) => db.execute(sql`update tenants set status = 'suspended' where id = ${hospital.id}`));
    expect((await seen(staff, hospital)).patients).toBe(0);
  });

  it("writes under a grant are audited as support, by the staff member", async () => {
    const hospital = await createTestHospital("Bệnh viện ghi");
    const admin = await adminOf(hospital);
    const staff = await createTestPlatformStaff("support");
    const grant = await request(staff, hospital);
    await approve(grant, hospital, admin);
    const patient = await withTenant(hospital.id, asSupport(staff.id), (t) =>
      registerPatient(t, { fullName: "Lê Văn Cường", birthDate: "1970-02-02", sex: "male", phone: null }),
    );
    const rows = await adminRows<{ actor_kind: string; actor_id: string }>(
      sql`select actor_kind, actor_id from audit_events where tenant_id = ${hospital.id} and action = 'patients.insert' and entity_id = ${patient.id}`,
    );
    expect(rows).toEqual([{ actor_kind: "support", actor_id: staff.id }]);
  });

  it("the kit's clause is one evaluation per statement: the plans of ordinary queries keep their shape", async () => {
    const plan = await withTenant(a.id, asUser(adminA.id), async (t) =>
      rowsOf<{ "QUERY PLAN": string }>(await t.db.execute(sql`explain select id from patients where id = ${randomUUID()}`)).map((r) => r["QUERY PLAN"]),
    );
    const text = plan.join("\n");
    // The policy's app_tenant_id() runs once, as an InitPlan, and the scan uses the primary key.
    expect(text).toMatch(/InitPlan/);
    expect(text).toMatch(/Index (Only )?Scan/);
  });
});

describe("deciding on a request", () => {
  it("nobody decides on their own request, and support transactions decide nothing", async () => {
    const staff = await createTestPlatformStaff("support");
    const grant = await request(staff, a);
    // Even were the staff member a member of the hospital.
    await withTenant(a.id, systemActor("tests"), (t) => t.db.insert(memberships).values({ tenantId: t.tenantId, userId: staff.id, roles: ["admin"] }));
    expect(await withTenant(a.id, asUser(staff.id), (t) => decideSupportGrant(t, grant, "approve"))).toBe("own-request");
    await expectPgError(
      withTenant(a.id, asSupport(staff.id), (t) => decideSupportGrant(t, grant, "approve")),
      PG.insufficientPrivilege,
    );
    const [row] = await withPlatform("test", (p) => p.db.select({ status: supportGrants.status }).from(supportGrants).where(eq(supportGrants.id, grant)));
    expect(row!.status).toBe("requested");
  });

  it("staff cannot approve their own request through the hospital's page, even under a grant naming staff:manage", async () => {
    const staff = await createTestPlatformStaff("support");
    const first = await request(staff, a, "configure");
    await approve(first, a, adminA);
    const second = await request(staff, a, "configure");
    const answer = await settle(() =>
      supportSettingsRoute.action({ request: post(`/h/${a.slug}/settings/support`, { grant: second, decision: "approve" }, staff.cookie), context: fakeContext(), params: { hospital: a.slug } }),
    );
    expect(answer.status).toBe(403);
    const [row] = await withPlatform("test", (p) => p.db.select({ status: supportGrants.status }).from(supportGrants).where(eq(supportGrants.id, second)));
    expect(row!.status).toBe("requested");
  });

  it("another hospital's admin cannot see or decide this hospital's grants", async () => {
    const staff = await createTestPlatformStaff("support");
    const grant = await request(staff, a);
    const page = await settle(() =>
      supportSettingsRoute.loader({ request: get(`/h/${a.slug}/settings/support`, adminB.cookie), context: fakeContext(), params: { hospital: a.slug } }),
    );
    expect(page.status).toBe(404);
    // Through B's own page, naming A's grant: not found, nothing changed.
    const decided = await settle(() =>
      supportSettingsRoute.action({ request: post(`/h/${b.slug}/settings/support`, { grant, decision: "approve" }, adminB.cookie), context: fakeContext(), params: { hospital: b.slug } }),
    );
    expect(decided.status).toBe(404);
    const own = await settle(() => supportSettingsRoute.loader({ request: get(`/h/${b.slug}/settings/support`, adminB.cookie), context: fakeContext(), params: { hospital: b.slug } }));
    const ids = [...own.data.pending, ...own.data.active, ...own.data.past].map((r: { id: string }) => r.id);
    expect(ids).not.toContain(grant);
    // B's transaction reads none of A's grants.
    const visible = await withTenant(b.id, asUser(adminB.id), (t) => t.db.select({ id: supportGrants.id }).from(supportGrants));
    expect(visible.map((r) => r.id)).not.toContain(grant);
  });

  it("the hospital's admin approves from its page; a decided or revoked grant cannot be decided again", async () => {
    const staff = await createTestPlatformStaff("support");
    const grant = await request(staff, a);
    const page = await settle(() => supportSettingsRoute.loader({ request: get(`/h/${a.slug}/settings/support`, adminA.cookie), context: fakeContext(), params: { hospital: a.slug } }));
    expect(page.data.pending.map((r: { id: string }) => r.id)).toContain(grant);
    const ok = await settle(() =>
      supportSettingsRoute.action({ request: post(`/h/${a.slug}/settings/support`, { grant, decision: "approve" }, adminA.cookie), context: fakeContext(), params: { hospital: a.slug } }),
    );
    expect(ok.status).toBe(302);
    const again = await settle(() =>
      supportSettingsRoute.action({ request: post(`/h/${a.slug}/settings/support`, { grant, decision: "refuse" }, adminA.cookie), context: fakeContext(), params: { hospital: a.slug } }),
    );
    expect(again.status).toBe(409);
    const audit = await adminRows<{ action: string; actor_kind: string }>(
      sql`select action, actor_kind from audit_events where tenant_id = ${a.id} and entity_id = ${grant} order by at`,
    );
    expect(audit).toEqual(expect.arrayContaining([{ action: "support.requested", actor_kind: "support" }, { action: "support.approved", actor_kind: "user" }]));
  });
});

describe("support sessions in hospital pages", () => {
  it("opens the hospital under an active grant, with the grant's permissions and the banner's data; revocation ends it on the next request", async () => {
    const staff = await createTestPlatformStaff("support", "Phạm Hỗ Trợ");
    // No grant: refused like a stranger.
    const before = await settle(() => patientsRoute.loader({ request: get(`/h/${a.slug}/patients`, staff.cookie), context: fakeContext(), params: { hospital: a.slug } }));
    expect(before.status).toBe(404);
    // Recorded for the operators, as any refused stranger is.
    const events = await adminRows<{ kind: string }>(sql`select kind from security_events where user_id = ${staff.id}`);
    expect(events).toEqual([{ kind: "not-a-member" }]);
    const grant = await request(staff, a);
    await approve(grant, a, adminA);
    const during = await settle(() => patientsRoute.loader({ request: get(`/h/${a.slug}/patients`, staff.cookie), context: fakeContext(), params: { hospital: a.slug } }));
    expect(during.status).toBe(200);
    const { loader: layoutLoader } = await import("~/routes/h.$hospital");
    const layout = await settle(() => layoutLoader({ request: get(`/h/${a.slug}/patients`, staff.cookie), context: fakeContext(), params: { hospital: a.slug } }));
    expect(layout.data.support).toEqual({ staffName: "Phạm Hỗ Trợ", until: expect.any(String) });
    // "view" names no write: a write page's door refuses it.
    const settings = await settle(() => supportSettingsRoute.loader({ request: get(`/h/${a.slug}/settings/support`, staff.cookie), context: fakeContext(), params: { hospital: a.slug } }));
    expect(settings.status).toBe(403);
    // Not another hospital.
    const other = await settle(() => patientsRoute.loader({ request: get(`/h/${b.slug}/patients`, staff.cookie), context: fakeContext(), params: { hospital: b.slug } }));
    expect(other.status).toBe(404);

    await withTenant(a.id, asUser(adminA.id), (t) => decideSupportGrant(t, grant, "revoke"));
    const after = await settle(() => patientsRoute.loader({ request: get(`/h/${a.slug}/patients`, staff.cookie), context: fakeContext(), params: { hospital: a.slug } }));
    expect(after.status).toBe(404);
  });

  it("an expired grant opens nothing, and its link in the console does nothing", async () => {
    const staff = await createTestPlatformStaff("support");
    const grant = await request(staff, a);
    await approve(grant, a, adminA);
    await withAdmin(({ db }) => db.execute(sql`update support_grants set expires_at = now() - interval '1 second' where id = ${grant}`));
    const page = await settle(() => patientsRoute.loader({ request: get(`/h/${a.slug}/patients`, staff.cookie), context: fakeContext(), params: { hospital: a.slug } }));
    expect(page.status).toBe(404);
    expect(await withdrawSupportGrant(grant, staff.id)).toBe("not-pending");
    const list = await settle(() => staffSupportRoute.loader({ request: get("/admin/support", staff.cookie), context: fakeContext(), params: {} }));
    expect(list.data.mine.find((r: { id: string }) => r.id === grant).state).toBe("expired");
  });

  it("records every page viewed under support in the hospital's audit log, shown on its audit page filtered to support", async () => {
    const hospital = await createTestHospital("Bệnh viện nhật ký");
    const admin = await adminOf(hospital);
    await createTestPatient(hospital.id);
    const staff = await createTestPlatformStaff("support", "Đỗ Kiểm Tra");
    const grant = await request(staff, hospital);
    await approve(grant, hospital, admin);
    const viewed = await settle(() => patientsRoute.loader({ request: get(`/h/${hospital.slug}/patients`, staff.cookie), context: fakeContext(), params: { hospital: hospital.slug } }));
    expect(viewed.status).toBe(200);
    const page = await settle(() =>
      auditRoute.loader({ request: get(`/h/${hospital.slug}/settings/audit?support=1`, admin.cookie), context: fakeContext(), params: { hospital: hospital.slug } }),
    );
    expect(page.status).toBe(200);
    const rows = page.data.rows as { action: string; who: string; kind: string; detail: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.kind === "support")).toBe(true);
    expect(rows).toContainEqual(
      expect.objectContaining({ action: "support.view", actionLabel: "Mở trang (hỗ trợ)", who: "Đỗ Kiểm Tra", detail: `/h/${hospital.slug}/patients` }),
    );
    // Unfiltered, the admin's own decision is there too.
    const all = await settle(() => auditRoute.loader({ request: get(`/h/${hospital.slug}/settings/audit`, admin.cookie), context: fakeContext(), params: { hospital: hospital.slug } }));
    expect(all.data.rows.map((r: { action: string }) => r.action)).toContain("support.approved");
    // Every action reads as a sentence: a known one by name, a write by its table ("Sửa ..."), never only a code.
    expect(all.data.rows.every((r: { actionLabel: string | null }) => typeof r.actionLabel === "string" && r.actionLabel.length > 0)).toBe(true);
    // Another hospital's admin: 404.
    const stranger = await settle(() => auditRoute.loader({ request: get(`/h/${hospital.slug}/settings/audit`, adminB.cookie), context: fakeContext(), params: { hospital: hospital.slug } }));
    expect(stranger.status).toBe(404);
  });
});

describe("the audit page's filters", () => {
  it("filters by person, patient and dates, reports a bad filter, and pages", async () => {
    const hospital = await createTestHospital("Bệnh viện bộ lọc");
    const admin = await adminOf(hospital);
    const patient = await createTestPatient(hospital.id);
    const staff = await createTestPlatformStaff("support", "Vũ Bộ Lọc");
    const grant = await request(staff, hospital);
    await approve(grant, hospital, admin);
    for (let i = 0; i < 3; i++) {
      await settle(() => patientsRoute.loader({ request: get(`/h/${hospital.slug}/patients`, staff.cookie), context: fakeContext(), params: { hospital: hospital.slug } }));
    }
    const load = (query: string) =>
      settle(() => auditRoute.loader({ request: get(`/h/${hospital.slug}/settings/audit${query}`, admin.cookie), context: fakeContext(), params: { hospital: hospital.slug } }));
    const byStaff = await load(`?actor=${staff.id}`);
    expect(byStaff.data.rows.length).toBeGreaterThanOrEqual(4);
    expect(byStaff.data.rows.every((r: { who: string }) => r.who === "Vũ Bộ Lọc")).toBe(true);
    expect(byStaff.data.actorOptions).toContainEqual({ value: staff.id, label: expect.stringContaining("Vũ Bộ Lọc") });
    const byPatient = await load(`?patient=${patient.id}`);
    expect(byPatient.data.rows.length).toBeGreaterThan(0);
    expect(byPatient.data.rows.every((r: { action: string }) => r.action.startsWith("patients."))).toBe(true);
    const future = await load("?from=2999-01-01");
    expect(future.data.rows).toEqual([]);
    const today = new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
    expect((await load(`?from=${today}&to=${today}&support=1`)).data.rows.length).toBeGreaterThanOrEqual(4);
    const bad = await load("?from=01/02/2026&patient=nope");
    expect([...bad.data.problems].sort()).toEqual(["badDate", "badPatient"]);
    expect(bad.data.rows.length).toBeGreaterThan(0);
    const first = await load("");
    expect(first.data.newer).toBeNull();
    const second = await load("?page=2");
    expect(second.data.newer).toBe("?page=1");
  });
});

describe("the staff side", () => {
  it("requests access with a reason and at most a working day, and mails the hospital's admins", async () => {
    const staff = await createTestPlatformStaff("support");
    const bad = await settle(() =>
      newRequestRoute.action({ request: post(`/admin/support/new?hospital=${a.id}`, { reason: "", preset: "view", minutes: "600" }, staff.cookie), context: fakeContext(), params: {} }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.problems).toEqual(["reason", "duration"]);
    const ok = await settle(() =>
      newRequestRoute.action({ request: post(`/admin/support/new?hospital=${a.id}`, { reason: "Ticket 7: cannot print", preset: "view", minutes: "480" }, staff.cookie), context: fakeContext(), params: {} }),
    );
    expect(ok.status).toBe(302);
    const mail = await adminRows<{ kind: string; subject: string }>(sql`select kind, subject from outbox where hospital_id = ${a.id} and kind = 'support-request' order by created_at desc limit 1`);
    expect(mail[0]?.subject).toMatch(/Bệnh viện A/);
  });

  it("finds a hospital by name or address for a request without one", async () => {
    const staff = await createTestPlatformStaff("support");
    const page = await settle(() => newRequestRoute.loader({ request: get(`/admin/support/new?q=${a.slug}`, staff.cookie), context: fakeContext(), params: {} }));
    expect(page.data.hospital).toBeNull();
    expect(page.data.found.map((h: { id: string }) => h.id)).toContain(a.id);
    const wildcard = await settle(() => newRequestRoute.loader({ request: get("/admin/support/new?q=%25%25", staff.cookie), context: fakeContext(), params: {} }));
    expect(wildcard.data.found).toEqual([]);
  });

  it("the database refuses a duration above a working day", async () => {
    const staff = await createTestPlatformStaff("support");
    const found = (await findHospitalForSupport(a.id))!;
    await expect(requestSupportGrant(found, { id: staff.id, displayName: "Nhân viên" }, { reason: "Long job", preset: "view", minutes: 600, emergency: false }, "http://localhost")).rejects.toThrow();
  });

  it("the emergency path needs two different owners, never the requester as the second, and tells the hospital", async () => {
    const requester = await createTestPlatformStaff("owner");
    const second = await createTestPlatformStaff("owner");
    const supportStaff = await createTestPlatformStaff("support");
    const found = (await findHospitalForSupport(b.id))!;
    const grant = await requestSupportGrant(found, { id: requester.id, displayName: "Chủ sở hữu" }, { reason: "Only admin locked out", preset: "configure", minutes: 60, emergency: true }, "http://localhost");
    const confirm = (who: Staff) =>
      settle(() => staffSupportRoute.action({ request: post("/admin/support", { grant, intent: "confirm" }, who.cookie), context: fakeContext(), params: {} }));
    expect((await confirm(requester)).status).toBe(409); // already counted as the first owner
    expect((await confirm(supportStaff)).status).toBe(403); // not an owner
    expect((await seen(requester, b)).patients).toBe(0);
    const approved = await confirm(second);
    expect(approved.headers.get("Location")).toBe("/admin/support?done=approved");
    expect((await seen(requester, b)).patients).toBeGreaterThan(0);
    const mail = await adminRows<{ n: number }>(sql`select count(*)::int as n from outbox where hospital_id = ${b.id} and kind = 'support-emergency'`);
    expect(Number(mail[0]!.n)).toBeGreaterThan(0);
    const audit = await adminRows<{ action: string }>(sql`select action from audit_events where tenant_id = ${b.id} and entity_id = ${grant}`);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(["support.emergency_requested", "support.emergency_approved"]));
  });

  it("a support requester's emergency request needs two owners besides", async () => {
    const requester = await createTestPlatformStaff("support");
    const ownerOne = await createTestPlatformStaff("owner");
    const ownerTwo = await createTestPlatformStaff("owner");
    const found = (await findHospitalForSupport(b.id))!;
    const grant = await requestSupportGrant(found, { id: requester.id, displayName: "Chủ sở hữu" }, { reason: "Locked out", preset: "view", minutes: 30, emergency: true }, "http://localhost");
    const confirm = (owner: string) => withPlatform("test", async (p) => rowsOf<{ r: string }>(await p.db.execute(sql`select support_grant_confirm_emergency(${grant}::uuid, ${owner}::uuid) as r`))[0]!.r);
    expect(await confirm(ownerOne.id)).toBe("confirmed");
    expect(await confirm(ownerOne.id)).toBe("already-confirmed");
    expect(await confirm(ownerTwo.id)).toBe("approved");
  });
});
