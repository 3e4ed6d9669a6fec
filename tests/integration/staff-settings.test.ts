// Roles as tenant data and the staff settings (decisions 018, 038): the door resolves a member's
// permissions from the hospital's roles in its one membership statement; roles hold only known
// permissions; no change leaves a hospital without someone who can manage staff; a deactivated member's
// sessions end and their next request is refused; concurrent edits of a role or a membership conflict.
import { traceStatements } from "~db/client.server";

const statements: string[] = [];
// Before any connection is opened in this file: the listener is fixed when the pool opens.
traceStatements((statement) => void statements.push(statement));

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, hospitalRoles } from "~db/schema";
import { databaseEngine } from "~db/client.server";
import { systemActor, withTenant, type Actor } from "~db/scope.server";
import { may, requireMember } from "~/auth/guards.server";
import { ROLE_PERMISSIONS } from "~/auth/permissions";
import { createUserSession, sessionCookieName, validateSessionToken } from "~/auth/session.server";
import { findMyHospital } from "~/hospitals/list-my-hospitals.server";
import { StaleWriteError } from "~/lib/concurrency.server";
import * as memberRoute from "~/routes/h.$hospital.settings.staff.$membershipId";
import * as patientsRoute from "~/routes/h.$hospital.patients._index";
import * as roleRoute from "~/routes/h.$hospital.settings.roles.$roleId";
import * as newRoleRoute from "~/routes/h.$hospital.settings.roles.new";
import * as settingsIndex from "~/routes/h.$hospital.settings._index";
import * as staffListRoute from "~/routes/h.$hospital.settings.staff._index";
import { DEFAULT_ROLES } from "~/staff/default-roles";
import { changeMemberRoles, deactivateMember, getMember, listMembers, reactivateMember } from "~/staff/members.server";
import { createRole, getRole, installDefaultRoles, listRoles, setRoleActive, updateRole, upsertRoles } from "~/staff/roles.server";
import { StaffRuleError } from "~/staff/staff-errors";
import { createTestHospital, createTestStaff } from "../support/factories";
import { fakeContext, get, post, settle } from "../support/http";

afterAll(() => traceStatements(undefined));

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;
const system = systemActor("tests");
const as = (userId: string): Actor => ({ kind: "user", userId, address: "10.9.9.9" });

async function staffWithCookie(hospitalId: string, roles: string[]) {
  const user = await createTestStaff(hospitalId, roles);
  const { token } = await createUserSession(user.id);
  return { user, token, cookie: `${sessionCookieName(false)}=${token}` };
}

async function membershipOf(hospitalId: string, userId: string) {
  const members = await withTenant(hospitalId, system, listMembers);
  return members.find((m) => m.userId === userId)!;
}

async function roleByCode(hospitalId: string, code: string) {
  const roles = await withTenant(hospitalId, system, listRoles);
  return roles.find((r) => r.code === code)!;
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof StaffRuleError) return error.reason;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("roles as tenant data", () => {
  let hospital: Hospital;
  beforeAll(async () => {
    hospital = await createTestHospital("Bệnh viện Vai trò");
  });

  it("a new hospital gets the default role set, and installing it again changes nothing", async () => {
    const roles = await withTenant(hospital.id, system, listRoles);
    expect(roles.map((r) => ({ code: r.code, permissions: [...r.permissions].sort() })).sort((a, b) => a.code.localeCompare(b.code))).toEqual(
      DEFAULT_ROLES.map((r) => ({ code: r.code, permissions: [...r.permissions].sort() })).sort((a, b) => a.code.localeCompare(b.code)),
    );
    await withTenant(hospital.id, system, installDefaultRoles);
    const again = await withTenant(hospital.id, system, listRoles);
    expect(again.map((r) => [r.code, r.version])).toEqual(roles.map((r) => [r.code, r.version]));
  });

  it("refuses a role holding a permission the application does not know, and writes nothing", async () => {
    const reason = await refusal(
      withTenant(hospital.id, system, (t) =>
        upsertRoles(t, [
          { code: "truong-khoa", nameVi: "Trưởng khoa", nameEn: "Head of department", permissions: ["patient:read"] },
          { code: "ke-toan", nameVi: "Kế toán", nameEn: "Accountant", permissions: ["patient:read", "billing:export"] },
        ]),
      ),
    );
    expect(reason).toBe("unknownPermission");
    expect((await withTenant(hospital.id, system, listRoles)).map((r) => r.code)).not.toContain("truong-khoa");
    await expect(withTenant(hospital.id, system, (t) => upsertRoles(t, [{ code: "x", nameVi: "X", nameEn: "X", permissions: ["root"] }]))).rejects.toThrow(
      /permission\(s\) the application does not know: root/,
    );
    expect(await refusal(withTenant(hospital.id, system, (t) => createRole(t, { code: "y", nameVi: "Y", nameEn: "Y", permissions: ["visit:delete"] })))).toBe(
      "unknownPermission",
    );
  });

  it("upsertRoles adds and updates by code, idempotently, and its writes are audited by the trigger", async () => {
    const role = { code: "truong-khoa", nameVi: "Trưởng khoa", nameEn: "Head of department", permissions: ["visit:sign", "patient:read"] };
    await withTenant(hospital.id, system, (t) => upsertRoles(t, [role]));
    const first = await roleByCode(hospital.id, "truong-khoa");
    expect(first.permissions).toEqual(["patient:read", "visit:sign"]);
    await withTenant(hospital.id, system, (t) => upsertRoles(t, [role]));
    expect((await roleByCode(hospital.id, "truong-khoa")).version).toBe(first.version);
    await withTenant(hospital.id, system, (t) => upsertRoles(t, [{ ...role, permissions: ["patient:read"] }]));
    expect(await roleByCode(hospital.id, "truong-khoa")).toMatchObject({ permissions: ["patient:read"], version: first.version + 1 });
    const audited = await withTenant(hospital.id, system, (t) =>
      t.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "hospital_roles"), eq(auditEvents.entityId, first.id))),
    );
    expect(audited.map((e) => e.action)).toEqual(["hospital_roles.insert", "hospital_roles.update"]);
  });
});

describe("the door resolves a member's permissions from the hospital's roles", () => {
  let hospital: Hospital;
  let nurse: Awaited<ReturnType<typeof staffWithCookie>>;
  beforeAll(async () => {
    hospital = await createTestHospital("Bệnh viện Quyền");
    await withTenant(hospital.id, system, (t) =>
      upsertRoles(t, [{ code: "dieu-duong-truong", nameVi: "Điều dưỡng trưởng", nameEn: "Head nurse", permissions: ["patient:read", "staff:manage"] }]),
    );
    nurse = await staffWithCookie(hospital.id, ["nurse", "dieu-duong-truong", "no-such-role"]);
  });

  it("with exactly what the member's active roles hold (unknown codes grant nothing)", async () => {
    const member = await requireMember(get(`/h/${hospital.slug}/patients`, nurse.cookie), fakeContext(), hospital.slug);
    expect([...member.permissions].sort()).toEqual([...new Set([...ROLE_PERMISSIONS.nurse, "staff:manage"])].sort());
    expect(may(member, "staff:manage")).toBe(true);
    expect(may(member, "note:write")).toBe(false);
  });

  it("and a change to a role shows from the next request on; a deactivated role grants nothing", async () => {
    const role = await roleByCode(hospital.id, "dieu-duong-truong");
    const admin = await createTestStaff(hospital.id, ["admin"]);
    await withTenant(hospital.id, as(admin.id), (t) => updateRole(t, role.id, role.version, { nameVi: role.nameVi, nameEn: role.nameEn, permissions: ["patient:read", "note:write"] }));
    let member = await requireMember(get(`/h/${hospital.slug}/patients`, nurse.cookie), fakeContext(), hospital.slug);
    expect(may(member, "note:write")).toBe(true);
    expect(may(member, "staff:manage")).toBe(false);
    await withTenant(hospital.id, as(admin.id), (t) => setRoleActive(t, role.id, role.version + 1, false));
    member = await requireMember(get(`/h/${hospital.slug}/patients`, nurse.cookie), fakeContext(), hospital.slug);
    expect(may(member, "note:write")).toBe(false);
    expect(may(member, "vitals:write")).toBe(true);
  });

  it.skipIf(databaseEngine() !== "postgres")("in one statement: the membership lookup is a single query that reads hospital_roles", async () => {
    await findMyHospital(nurse.user.id, hospital.slug); // warm the pool
    statements.length = 0;
    const found = await findMyHospital(nurse.user.id, hospital.slug);
    const queries = statements.filter((s) => !/^\s*(begin|commit|select set_config)/i.test(s));
    expect(queries, statements.join("\n")).toHaveLength(1);
    expect(queries[0]).toMatch(/hospital_roles/);
    expect(found?.permissions).toContain("vitals:write");
  });
});

describe("no hospital locks itself out", () => {
  let hospital: Hospital;
  let admin: { id: string };
  let doctor: { id: string };
  beforeAll(async () => {
    hospital = await createTestHospital("Bệnh viện Khoá");
    admin = await createTestStaff(hospital.id, ["admin"]);
    doctor = await createTestStaff(hospital.id, ["doctor"]);
  });

  it("refuses taking staff:manage from the last member who holds it, in every way", async () => {
    const mine = await membershipOf(hospital.id, admin.id);
    const adminRole = await roleByCode(hospital.id, "admin");
    const tx = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(hospital.id, as(admin.id), fn);
    expect(await refusal(tx((t) => changeMemberRoles(t, mine.id, mine.version, ["doctor"])))).toBe("lastManager");
    expect(await refusal(tx((t) => deactivateMember(t, mine.id, mine.version)))).toBe("lastManager");
    expect(await refusal(tx((t) => setRoleActive(t, adminRole.id, adminRole.version, false)))).toBe("lastManager");
    expect(
      await refusal(tx((t) => updateRole(t, adminRole.id, adminRole.version, { nameVi: "Quản trị", nameEn: "Admin", permissions: ["patient:read"] }))),
    ).toBe("lastManager");
    expect(await refusal(tx((t) => upsertRoles(t, [{ code: "admin", nameVi: "Quản trị", nameEn: "Admin", permissions: ["patient:read"] }])))).toBe("lastManager");
    // Nothing changed.
    expect(await membershipOf(hospital.id, admin.id)).toMatchObject({ roles: ["admin"], active: true, version: mine.version });
    expect(await roleByCode(hospital.id, "admin")).toMatchObject({ active: true, version: adminRole.version });
  });

  it("allows it once someone else holds it", async () => {
    const theirs = await membershipOf(hospital.id, doctor.id);
    await withTenant(hospital.id, as(admin.id), (t) => changeMemberRoles(t, theirs.id, theirs.version, ["doctor", "admin"]));
    const mine = await membershipOf(hospital.id, admin.id);
    const changed = await withTenant(hospital.id, as(admin.id), (t) => changeMemberRoles(t, mine.id, mine.version, ["doctor"]));
    expect(changed?.roles).toEqual(["doctor"]);
  });

  it("refuses role codes the hospital does not have", async () => {
    const theirs = await membershipOf(hospital.id, doctor.id);
    expect(await refusal(withTenant(hospital.id, as(doctor.id), (t) => changeMemberRoles(t, theirs.id, theirs.version, ["doctor", "superuser"])))).toBe(
      "unknownRole",
    );
  });
});

describe("concurrent edits", () => {
  it("a stale role edit or membership change is a conflict, not an overwrite", async () => {
    const hospital = await createTestHospital("Bệnh viện Đồng thời");
    const admin = await createTestStaff(hospital.id, ["admin"]);
    const nurse = await createTestStaff(hospital.id, ["nurse"]);
    const role = await roleByCode(hospital.id, "cashier");
    const tx = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(hospital.id, as(admin.id), fn);
    await tx((t) => updateRole(t, role.id, role.version, { nameVi: "Thu ngân A", nameEn: "Cashier A", permissions: ["patient:read"] }));
    await expect(tx((t) => updateRole(t, role.id, role.version, { nameVi: "Thu ngân B", nameEn: "Cashier B", permissions: [] }))).rejects.toBeInstanceOf(
      StaleWriteError,
    );
    expect(await tx((t) => getRole(t, role.id))).toMatchObject({ nameVi: "Thu ngân A", version: role.version + 1 });

    const membership = await membershipOf(hospital.id, nurse.id);
    await tx((t) => changeMemberRoles(t, membership.id, membership.version, ["nurse", "cashier"]));
    await expect(tx((t) => deactivateMember(t, membership.id, membership.version))).rejects.toBeInstanceOf(StaleWriteError);
    expect(await tx((t) => getMember(t, membership.id))).toMatchObject({ active: true, roles: ["cashier", "nurse"] });
  });
});

describe("the staff settings pages", () => {
  let hospital: Hospital;
  let admin: Awaited<ReturnType<typeof staffWithCookie>>;
  let nurse: Awaited<ReturnType<typeof staffWithCookie>>;
  beforeAll(async () => {
    hospital = await createTestHospital("Bệnh viện Cài đặt");
    admin = await staffWithCookie(hospital.id, ["admin"]);
    nurse = await staffWithCookie(hospital.id, ["nurse"]);
  });
  const params = (extra: Record<string, string> = {}) => ({ hospital: hospital.slug, ...extra });

  it("sends an administrator from /settings to the first section (the profile); the staff list shows name, e-mail, roles and status", async () => {
    const index = await settle(() => settingsIndex.loader({ request: get(`/h/${hospital.slug}/settings`, admin.cookie), context: fakeContext(), params: params() }));
    expect(index.status).toBe(302);
    expect(index.headers.get("Location")).toBe(`/h/${hospital.slug}/settings/profile`);
    const list = await settle(() => staffListRoute.loader({ request: get(`/h/${hospital.slug}/settings/staff`, admin.cookie), context: fakeContext(), params: params() }));
    expect(list.status).toBe(200);
    expect(list.data.rows).toEqual(
      expect.arrayContaining([{ id: expect.any(String), name: "Bác sĩ Thử Nghiệm", email: nurse.user.email, roles: ["Điều dưỡng"], active: true }]),
    );
  });

  it("sends a member without a settings section from /settings to the hospital", async () => {
    const index = await settle(() => settingsIndex.loader({ request: get(`/h/${hospital.slug}/settings`, nurse.cookie), context: fakeContext(), params: params() }));
    expect(index.headers.get("Location")).toBe(`/h/${hospital.slug}`);
  });

  it("deactivating a member ends every session of theirs at once and refuses their next request; reactivating lets them in", async () => {
    const other = await createUserSession(nurse.user.id); // a second device
    const membership = await membershipOf(hospital.id, nurse.user.id);
    const url = `/h/${hospital.slug}/settings/staff/${membership.id}`;
    const done = await settle(() =>
      memberRoute.action({ request: post(url, { intent: "deactivate", version: String(membership.version) }, admin.cookie), context: fakeContext(), params: params({ membershipId: membership.id }) }),
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`${url}?done=deactivate`);
    expect(await validateSessionToken(nurse.token)).toBeNull();
    expect(await validateSessionToken(other.token)).toBeNull();
    // The same cookie's next request: signed out.
    const next = await settle(() => patientsRoute.loader({ request: get(`/h/${hospital.slug}/patients`, nurse.cookie), context: fakeContext(), params: params() }));
    expect(next.status).toBe(302);
    expect(next.headers.get("Location")).toMatch(/^\/sign-in/);
    // Signing in again does not get them in: an inactive member is no member (404).
    const fresh = await createUserSession(nurse.user.id);
    const cookie = `${sessionCookieName(false)}=${fresh.token}`;
    const refused = await settle(() => patientsRoute.loader({ request: get(`/h/${hospital.slug}/patients`, cookie), context: fakeContext(), params: params() }));
    expect(refused.status).toBe(404);
    const stored = await membershipOf(hospital.id, nurse.user.id);
    expect(stored).toMatchObject({ active: false });
    expect(stored.deactivatedAt).toBeInstanceOf(Date);

    await withTenant(hospital.id, as(admin.user.id), (t) => reactivateMember(t, stored.id, stored.version));
    const back = await settle(() => patientsRoute.loader({ request: get(`/h/${hospital.slug}/patients`, cookie), context: fakeContext(), params: params() }));
    expect(back.status).toBe(200);
  });

  it("shows the last administrator's own deactivation as a refusal with a message, not an error", async () => {
    const mine = await membershipOf(hospital.id, admin.user.id);
    const url = `/h/${hospital.slug}/settings/staff/${mine.id}`;
    const outcome = await settle(() =>
      memberRoute.action({ request: post(url, { intent: "deactivate", version: String(mine.version) }, admin.cookie), context: fakeContext(), params: params({ membershipId: mine.id }) }),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data).toMatchObject({ refusal: "lastManager" });
    expect(await validateSessionToken(admin.token)).not.toBeNull();
  });

  it("answers a stale roles form with 409 and the latest membership", async () => {
    const membership = await membershipOf(hospital.id, nurse.user.id);
    const url = `/h/${hospital.slug}/settings/staff/${membership.id}`;
    const args = (fields: Record<string, string>) => ({ request: post(url, fields, admin.cookie), context: fakeContext(), params: params({ membershipId: membership.id }) });
    expect((await settle(() => memberRoute.action(args({ intent: "roles", version: String(membership.version), roles: "lab" })))).status).toBe(302);
    const stale = await settle(() => memberRoute.action(args({ intent: "roles", version: String(membership.version), roles: "cashier" })));
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ refusal: "conflict", latest: { roles: ["lab"], version: membership.version + 1 } });
  });

  it("creates a role from the form, refuses a taken code and an unknown permission, and edits it with a version", async () => {
    const url = `/h/${hospital.slug}/settings/roles/new`;
    const create = (fields: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
      const request = new Request(`http://localhost${url}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: admin.cookie },
        body: body.toString(),
      });
      return settle(() => newRoleRoute.action({ request, context: fakeContext(), params: params() }));
    };
    const made = await create({ code: "ky-thuat-vien", nameVi: "Kỹ thuật viên", nameEn: "Technician", permissions: ["patient:read", "result:write"] });
    expect(made.status).toBe(302);
    const role = await roleByCode(hospital.id, "ky-thuat-vien");
    expect(role.permissions).toEqual(["patient:read", "result:write"]);
    expect(made.headers.get("Location")).toBe(`/h/${hospital.slug}/settings/roles/${role.id}?done=created`);

    const taken = await create({ code: "ky-thuat-vien", nameVi: "Khác", nameEn: "Other", permissions: [] });
    expect(taken.status).toBe(400);
    expect(taken.data.errors).toEqual({ code: "staff:errors.codeTaken" });
    const unknown = await create({ code: "la", nameVi: "Lạ", nameEn: "Odd", permissions: ["patient:read", "patient:delete"] });
    expect(unknown.status).toBe(400);
    expect(unknown.data.formError).toEqual({ key: "staff:errors.unknownPermission" });
    const bad = await create({ code: "Mã Sai", nameVi: "", nameEn: "x" });
    expect(bad.data.errors).toEqual({ code: "staff:errors.invalidCode", nameVi: "staff:errors.nameRequired" });

    const editUrl = `/h/${hospital.slug}/settings/roles/${role.id}`;
    const edit = (fields: Record<string, string>) =>
      settle(() => roleRoute.action({ request: post(editUrl, fields, admin.cookie), context: fakeContext(), params: params({ roleId: role.id }) }));
    expect((await edit({ intent: "save", version: String(role.version), nameVi: "KTV", nameEn: "Tech", permissions: "patient:read" })).status).toBe(302);
    const stale = await edit({ intent: "deactivate", version: String(role.version) });
    expect(stale.status).toBe(409);
    expect(stale.data.latest).toMatchObject({ nameVi: "KTV", permissions: ["patient:read"] });
    const [stored] = await withTenant(hospital.id, system, (t) => t.db.select().from(hospitalRoles).where(eq(hospitalRoles.id, role.id)));
    expect(stored).toMatchObject({ active: true, version: role.version + 1 });
  });
});
