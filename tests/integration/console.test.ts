// The vendor's console (issue 9; decisions 057, 058): the aggregates' refresh, the hospitals list's
// filters, sorting and pages, and the actions on a hospital: role rules, the confirmation step, both
// audit trails, and the hospital's next request seeing the change.
import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, invitations, outbox, platformAudit, tenants, tenantStats, tenantUsageDaily } from "~db/schema";
import { systemActor, withPlatform, withTenant } from "~db/scope.server";
import { refreshTenantStats } from "~/admin/console/stats.server";
import { listTenants, parseTenantListQuery, PAGE_SIZE } from "~/admin/console/tenants.server";
import { retryJob } from "~/admin/console/operations.server";
import { requireMember } from "~/auth/guards.server";
import { goLive } from "~/setup/wizard.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import * as tenantRoute from "~/routes/admin.tenants.$id";
import * as listRoute from "~/routes/admin.tenants._index";
import * as operationsRoute from "~/routes/admin.operations";
import { adminRows, withAdmin } from "../support/admin";
import { createTestHospital, createTestPatient, createTestRoom, createTestStaff, createTestVisit, uniqueSlug } from "../support/factories";
import { fakeContext, get, post, settle } from "../support/http";
import { createTestPlatformStaff } from "../support/staff";

const query = (text: string) => parseTenantListQuery(new URLSearchParams(text));

async function statsOf(hospitalId: string) {
  return withPlatform("test: stats", async (p) => (await p.db.select().from(tenantStats).where(eq(tenantStats.hospitalId, hospitalId)))[0]);
}

describe("aggregates", () => {
  it("refresh_tenant_stats counts staff, patients, visits and today's usage per hospital, and only counts", async () => {
    const h = await createTestHospital("Bệnh viện Đếm Số");
    await createTestStaff(h.id, ["doctor"]);
    const room = await createTestRoom(h.id);
    const a = await createTestPatient(h.id, { fullName: "Bệnh Nhân Một" });
    await createTestPatient(h.id, { fullName: "Bệnh Nhân Hai" });
    await createTestVisit(h.id, a.id, room.id);
    const { hospitals } = await refreshTenantStats(2);
    expect(hospitals).toBeGreaterThanOrEqual(1);
    const s = await statsOf(h.id);
    expect(s).toMatchObject({ staffCount: 1, patientCount: 2, visits7d: 1 });
    expect(s!.approxBytes).toBeGreaterThan(0);
    // Two patients and a visit are a few kilobytes of the database, not the size of whole tables (a table
    // never analysed has no row estimate: the statistics' live count stands in for it).
    const [database] = await adminRows<{ total: string }>(sql`select pg_database_size(current_database())::text as total`);
    expect(s!.approxBytes).toBeLessThan(Number(database!.total) / 20);
    const days = await withPlatform("test: usage", (p) => p.db.select().from(tenantUsageDaily).where(eq(tenantUsageDaily.hospitalId, h.id)));
    expect(days).toHaveLength(2);
    expect(days.reduce((n, d) => n + d.visits, 0)).toBe(1);
    expect(days.reduce((n, d) => n + d.patientsRegistered, 0)).toBe(2);
    // The function answers a number; its only outputs are the platform tables above.
    const [fn] = await adminRows<{ result: string; definer: boolean; owner: string }>(
      sql`select pg_get_function_result(p.oid) as result, p.prosecdef as definer, pg_get_userbyid(p.proowner) as owner from pg_proc p where p.proname = 'refresh_tenant_stats'`,
    );
    expect(fn).toEqual({ result: "integer", definer: true, owner: "emr_owner" });
  });
});

describe("the hospitals list", () => {
  it("searches, filters, sorts and pages through URL parameters", async () => {
    const prefix = `Bệnh viện Trang ${randomUUID().slice(0, 6)}`;
    const ids = await withPlatform("test: many hospitals", async (p) => {
      const rows = await p.db
        .insert(tenants)
        .values(
          Array.from({ length: PAGE_SIZE + 5 }, (_, i) => ({
            slug: uniqueSlug("pg"),
            name: `${prefix} ${String(i).padStart(2, "0")}`,
            status: i % 5 === 0 ? ("read_only" as const) : ("active" as const),
            provinceCode: i % 2 === 0 ? "01" : "79",
          })),
        )
        .returning({ id: tenants.id, name: tenants.name });
      return rows;
    });
    await refreshTenantStats(1);
    const first = await listTenants(query(`q=${encodeURIComponent(prefix)}`));
    expect(first.total).toBe(PAGE_SIZE + 5);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows[0]!.name).toBe(`${prefix} 00`);
    const second = await listTenants(query(`q=${encodeURIComponent(prefix)}&page=2`));
    expect(second.rows.map((r) => r.name)).toEqual(ids.slice(PAGE_SIZE).map((r) => r.name));
    const seen = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(seen.size).toBe(PAGE_SIZE + 5);

    const readOnly = await listTenants(query(`q=${encodeURIComponent(prefix)}&status=read_only`));
    expect(readOnly.total).toBe(11);
    expect(readOnly.rows.every((r) => r.status === "read_only")).toBe(true);
    // Typed without diacritics, in any case, it still finds them: "benh vien trang" for "Bệnh viện Trang".
    const plain = await listTenants(query(`q=${encodeURIComponent(prefix.replace("Bệnh viện", "BENH VIEN"))}`));
    expect(plain.total).toBe(PAGE_SIZE + 5);
    const hanoi = await listTenants(query(`q=${encodeURIComponent(prefix)}&province=01`));
    expect(hanoi.total).toBe(28);
    const byNameDesc = await listTenants(query(`q=${encodeURIComponent(prefix)}&sort=name&dir=desc`));
    expect(byNameDesc.rows[0]!.name).toBe(`${prefix} 54`);
    // Unknown values fall back to defaults rather than failing.
    expect(query("sort=drop&dir=sideways&page=-3&status=gone&province=zz")).toMatchObject({ sort: "name", dir: "asc", page: 1, status: null, province: null });
  });

  it("sorts by patients from the aggregates, and the page loader answers any staff role", async () => {
    const big = await createTestHospital(`Bệnh viện Lớn ${randomUUID().slice(0, 6)}`);
    await createTestPatient(big.id, { fullName: "Người Một" });
    await createTestPatient(big.id, { fullName: "Người Hai" });
    await refreshTenantStats(1);
    const sorted = await listTenants(query("sort=patients&dir=desc"));
    const counts = sorted.rows.map((r) => r.patients ?? -1);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const support = await createTestPlatformStaff("support");
    const page = await settle(() => listRoute.loader({ request: get(`/admin/tenants?q=${encodeURIComponent(big.name)}`, support.cookie), context: fakeContext(), params: {} }));
    expect(page.status).toBe(200);
    expect(page.data.list.rows.map((r: { id: string }) => r.id)).toEqual([big.id]);
    expect(page.data.list.rows[0].patients).toBe(2);
  });
});

async function memberCookie(hospitalId: string) {
  const user = await createTestStaff(hospitalId, ["doctor"]);
  const { token } = await createUserSession(user.id);
  return `${sessionCookieName(false)}=${token}`;
}

describe("actions on a hospital", () => {
  it("suspend and reactivate: operations and owner only, confirmed, audited twice, seen at the hospital's next request", async () => {
    const h = await createTestHospital("Bệnh viện Tạm Ngưng");
    const cookie = await memberCookie(h.id);
    const path = `/admin/tenants/${h.id}`;
    const support = await createTestPlatformStaff("support");
    const operations = await createTestPlatformStaff("operations");

    const bySupport = await settle(() => tenantRoute.action({ request: post(path, { intent: "suspend", confirm: "yes" }, support.cookie), context: fakeContext(), params: { id: h.id } }));
    expect(bySupport.status).toBe(403);
    const unconfirmed = await settle(() => tenantRoute.action({ request: post(path, { intent: "suspend" }, operations.cookie), context: fakeContext(), params: { id: h.id } }));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data).toEqual({ refusal: "notConfirmed" });
    const writeBefore = await settle(() => requireMember(get(`/h/${h.slug}/patients/new`, cookie), fakeContext(), h.slug, "patient:write"));
    expect(writeBefore.status).toBe(200);

    const done = await settle(() => tenantRoute.action({ request: post(path, { intent: "suspend", confirm: "yes" }, operations.cookie), context: fakeContext("10.1.2.3"), params: { id: h.id } }));
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`${path}?done=suspend`);
    const writeAfter = await settle(() => requireMember(get(`/h/${h.slug}/patients/new`, cookie), fakeContext(), h.slug, "patient:write"));
    expect(writeAfter.status).toBe(403);
    const readAfter = await settle(() => requireMember(get(`/h/${h.slug}/patients`, cookie), fakeContext(), h.slug, "patient:read"));
    expect(readAfter.status).toBe(200);

    const again = await settle(() => tenantRoute.action({ request: post(path, { intent: "suspend", confirm: "yes" }, operations.cookie), context: fakeContext(), params: { id: h.id } }));
    expect(again.status).toBe(409);

    const console = await withPlatform("test: console audit", (p) =>
      p.db.select().from(platformAudit).where(eq(platformAudit.hospitalId, h.id)).orderBy(platformAudit.id),
    );
    expect(console.map((a) => [a.action, a.staffUserId, a.details])).toEqual([["console.suspend", operations.id, { from: "active", to: "read_only" }]]);
    const own = await withTenant(h.id, systemActor("test"), (t) =>
      t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, h.id), eq(auditEvents.action, "console.suspend"))),
    );
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ actorKind: "platform", actorId: operations.id, address: "10.1.2.3", entityType: "hospital", entityId: h.id });

    const owner = await createTestPlatformStaff("owner");
    const back = await settle(() => tenantRoute.action({ request: post(path, { intent: "reactivate", confirm: "yes" }, owner.cookie), context: fakeContext(), params: { id: h.id } }));
    expect(back.status).toBe(302);
    expect((await statusOf(h.id))).toBe("active");
    const writeAgain = await settle(() => requireMember(get(`/h/${h.slug}/patients/new`, cookie), fakeContext(), h.slug, "patient:write"));
    expect(writeAgain.status).toBe(200);
  });

  it("extends the trial by 1 to 90 days and refuses anything else without a change", async () => {
    const h = await createTestHospital("Bệnh viện Dùng Thử");
    const path = `/admin/tenants/${h.id}`;
    const operations = await createTestPlatformStaff("operations");
    for (const days of ["0", "91", "abc", "-5", ""]) {
      const refused = await settle(() => tenantRoute.action({ request: post(path, { intent: "extend-trial", confirm: "yes", days }, operations.cookie), context: fakeContext(), params: { id: h.id } }));
      expect(refused.status).toBe(400);
    }
    expect(await trialOf(h.id)).toBeNull();
    const before = Date.now();
    const ok = await settle(() => tenantRoute.action({ request: post(path, { intent: "extend-trial", confirm: "yes", days: "10" }, operations.cookie), context: fakeContext(), params: { id: h.id } }));
    expect(ok.status).toBe(302);
    const until = (await trialOf(h.id))!.getTime();
    expect(until - before).toBeGreaterThanOrEqual(10 * 86_400_000 - 1000);
    expect(until - before).toBeLessThan(10 * 86_400_000 + 60_000);
    const page = await settle(() => tenantRoute.loader({ request: get(path, operations.cookie), context: fakeContext(), params: { id: h.id } }));
    expect(page.data.hospital.consoleActions[0].action).toBe("console.extend-trial");
  });

  it("going live starts a 30-day trial (go_live())", async () => {
    const h = await createTestHospital("Bệnh viện Mới Mở");
    await withPlatform("test: onboarding", (p) => p.db.update(tenants).set({ status: "onboarding", verifiedAt: new Date() }).where(eq(tenants.id, h.id)));
    expect(await withTenant(h.id, systemActor("test"), (t) => goLive(t))).toBe("ok");
    const until = (await trialOf(h.id))!.getTime();
    expect(Math.abs(until - (Date.now() + 30 * 86_400_000))).toBeLessThan(60_000);
  });

  it("resends a pending invitation with a new link, queued under the hospital", async () => {
    const h = await createTestHospital("Bệnh viện Mời Lại");
    const email = `${uniqueSlug("moi")}@example.test`;
    const [inv] = await withTenant(h.id, systemActor("test"), (t) =>
      t.db
        .insert(invitations)
        .values({ tenantId: h.id, email, displayName: "Điều Dưỡng Mới", role: "nurse", tokenHash: "0".repeat(64), expiresAt: new Date(Date.now() + 3600_000) })
        .returning(),
    );
    const owner = await createTestPlatformStaff("owner");
    const path = `/admin/tenants/${h.id}`;
    const page = await settle(() => tenantRoute.loader({ request: get(`${path}?confirm=resend-invitation&invitation=${inv!.id}`, owner.cookie), context: fakeContext(), params: { id: h.id } }));
    expect(page.data.confirm).toBe("resend-invitation");
    expect(page.data.invitation).toMatchObject({ id: inv!.id, email, role: "nurse" });
    const sent = await settle(() =>
      tenantRoute.action({ request: post(path, { intent: "resend-invitation", confirm: "yes", invitation: inv!.id }, owner.cookie), context: fakeContext(), params: { id: h.id } }),
    );
    expect(sent.status).toBe(302);
    const [after] = await withTenant(h.id, systemActor("test"), (t) => t.db.select().from(invitations).where(eq(invitations.id, inv!.id)));
    expect(after!.tokenHash).not.toBe("0".repeat(64));
    expect(after!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const mails = await withPlatform("test: outbox", (p) => p.db.select().from(outbox).where(eq(outbox.recipient, email)).orderBy(desc(outbox.createdAt)));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ hospitalId: h.id, kind: "invitation" });
    expect(mails[0]!.bodyText).toContain(`/invite/${h.id.replace(/-/g, "")}`);
    // The invitation's update is in the hospital's log as the staff member's, marked as a console action.
    const own = await withTenant(h.id, systemActor("test"), (t) =>
      t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, h.id), eq(auditEvents.entityId, inv!.id), eq(auditEvents.action, "invitations.update"))),
    );
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ actorKind: "platform", actorId: owner.id });
    // A second resend of a revoked invitation changes nothing.
    await withTenant(h.id, systemActor("test"), (t) => t.db.update(invitations).set({ status: "revoked" }).where(eq(invitations.id, inv!.id)));
    const gone = await settle(() =>
      tenantRoute.action({ request: post(path, { intent: "resend-invitation", confirm: "yes", invitation: inv!.id }, owner.cookie), context: fakeContext(), params: { id: h.id } }),
    );
    expect(gone.status).toBe(409);
  });

  it("retries a failed job: operations and owner only, recorded", async () => {
    const id = randomUUID();
    const h = await createTestHospital("Bệnh viện Có Tác Vụ Lỗi");
    await withAdmin(({ db }) =>
      db.execute(sql`insert into pgboss.job (id, name, state, output, data) values (${id}::uuid, 'refresh-tenant-stats', 'failed', '{"message":"boom"}'::jsonb, ${JSON.stringify({ hospitalId: h.id })}::jsonb)`),
    );
    const support = await createTestPlatformStaff("support");
    const denied = await settle(() => operationsRoute.action({ request: post("/admin/operations", { intent: "retry", queue: "refresh-tenant-stats", job: id, confirm: "yes" }, support.cookie), context: fakeContext(), params: {} }));
    expect(denied.status).toBe(403);
    const operations = await createTestPlatformStaff("operations");
    const page = await settle(() => operationsRoute.loader({ request: get("/admin/operations?jobState=failed", operations.cookie), context: fakeContext(), params: {} }));
    expect(page.data.operations.jobs.some((j: { id: string }) => j.id === id)).toBe(true);
    // A failed job naming a hospital shows on that hospital's page among its recent errors.
    const tenantPage = await settle(() => tenantRoute.loader({ request: get(`/admin/tenants/${h.id}`, operations.cookie), context: fakeContext(), params: { id: h.id } }));
    expect(tenantPage.data.hospital.failedJobs).toEqual([expect.objectContaining({ id, queue: "refresh-tenant-stats", message: "boom" })]);
    const ok = await settle(() => operationsRoute.action({ request: post("/admin/operations", { intent: "retry", queue: "refresh-tenant-stats", job: id, confirm: "yes" }, operations.cookie), context: fakeContext(), params: {} }));
    expect(ok.status).toBe(302);
    const [job] = await adminRows<{ state: string }>(sql`select state::text as state from pgboss.job where id = ${id}::uuid`);
    expect(job!.state).toBe("retry");
    expect(await retryJob("refresh-tenant-stats", id, operations.id)).toBe(false);
    const audit = await withPlatform("test", (p) => p.db.select().from(platformAudit).where(eq(platformAudit.action, "console.retry-job")));
    expect(audit.some((a) => a.details?.job === id && a.staffUserId === operations.id)).toBe(true);
    await withAdmin(({ db }) => db.execute(sql`delete from pgboss.job where id = ${id}::uuid`));
  });
});

async function statusOf(id: string) {
  return withPlatform("test", async (p) => (await p.db.select({ s: tenants.status }).from(tenants).where(eq(tenants.id, id)))[0]!.s);
}

async function trialOf(id: string) {
  return withPlatform("test", async (p) => (await p.db.select({ t: tenants.trialEndsAt }).from(tenants).where(eq(tenants.id, id)))[0]!.t);
}


