// The platform staff sign-in (decision 055), through its routes as the server calls them: password, then
// enrolment or a code; throttled wrong codes; codes used once; hospital users and staff kept to their
// own doors; the console's staff accounts page (owners), audited in the platform audit (decision 056).
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { platformAudit, platformStaff, securityEvents, staffSessions } from "~db/schema";
import { rowsOf, withIdentity, withPlatform, withTenant } from "~db/scope.server";
import { createPlatformStaff, setPlatformStaffActive } from "~/auth/platform-staff.server";
import { signIn } from "~/auth/sign-in.server";
import { hashSessionToken } from "~/auth/session.server";
import { staffCookieName } from "~/auth/staff-session.server";
import { staffRedirectTarget } from "~/auth/staff-sign-in.server";
import { hashRecoveryCode, totpCodeAt } from "~/auth/staff-totp.server";
import { recordPlatformAudit } from "~/platform/platform-audit.server";
import * as adminLayout from "~/routes/admin";
import * as adminStaff from "~/routes/admin.staff";
import * as staffCode from "~/routes/admin.sign-in.code";
import * as staffEnrol from "~/routes/admin.sign-in.enrol";
import * as staffSignInRoute from "~/routes/admin.sign-in";
import * as staffSignOut from "~/routes/admin.sign-out";
import * as hospitalSignIn from "~/routes/sign-in";
import { inviteStaff } from "~/staff/invitations.server";
import { adminRows } from "../support/admin";
import { createTestHospital, createTestStaff, TEST_PASSWORD, uniqueSlug } from "../support/factories";
import { fakeContext, get, ORIGIN, post, settle } from "../support/http";
import { expectPgError, PG } from "../support/pg-error";
import { createTestPlatformStaff } from "../support/staff";

const STEP_MS = 30_000;
const COOKIE = staffCookieName(false);

function staffCookieOf(headers: Headers): string | null {
  const header = headers.get("Set-Cookie") ?? "";
  const match = new RegExp(`${COOKIE}=([^;]*)`).exec(header);
  return match ? match[1]! : null;
}

async function newStaff(role: "support" | "operations" | "owner" = "support") {
  const email = `${uniqueSlug("staff")}@vendor.test`;
  const created = await createPlatformStaff({ email, displayName: "Nhân viên Thử", password: TEST_PASSWORD, role });
  return { ...created, email };
}

/** The password step as a browser posts it; the cookie of the half-session it opens. */
async function passwordStep(email: string, address: string, password = TEST_PASSWORD, redirectTo = "") {
  const outcome = await settle(() =>
    staffSignInRoute.action({ request: post("/admin/sign-in", { email, password, redirectTo }), context: fakeContext(address), params: {} }),
  );
  const token = staffCookieOf(outcome.headers);
  return { outcome, cookie: token ? `${COOKIE}=${token}` : null };
}

const layoutLoad = (cookie: string | null, path = "/admin/tenants") =>
  settle(() => adminLayout.loader({ request: get(path, cookie ?? undefined), context: fakeContext(), params: {} }));

async function enrol(email: string, address = `10.${randomUUID().slice(0, 8)}`) {
  const { cookie } = await passwordStep(email, address);
  const page = await settle(() => staffEnrol.loader({ request: get("/admin/sign-in/enrol", cookie!), context: fakeContext(address), params: {} }));
  const secret = String(page.data.enrolment.secret).replace(/\s+/g, "");
  const done = await settle(() =>
    staffEnrol.action({ request: post("/admin/sign-in/enrol", { code: totpCodeAt(secret, new Date()) }, cookie!), context: fakeContext(address), params: {} }),
  );
  return { cookie: cookie!, secret, recoveryCodes: done.data.recoveryCodes as string[], done };
}

const codeStep = (cookie: string, address: string, fields: Record<string, string>, path = "/admin/sign-in/code") =>
  settle(() => staffCode.action({ request: post(path, fields, cookie), context: fakeContext(address), params: {} }));

describe("the staff sign-in", () => {
  it("first sign-in: password, then enrolment with a QR code and a confirmed code, then ten recovery codes shown once", async () => {
    const staff = await newStaff();
    const address = `10.${randomUUID().slice(0, 8)}`;
    const { outcome, cookie } = await passwordStep(staff.email, address, TEST_PASSWORD, "/admin/staff");
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/admin/sign-in/enrol?redirectTo=%2Fadmin%2Fstaff");
    expect(cookie).not.toBeNull();

    // The half-session opens no console page.
    const half = await layoutLoad(cookie);
    expect(half.status).toBe(302);
    expect(half.headers.get("Location")).toMatch(/^\/admin\/sign-in\?redirectTo=/);

    // The form posts back to the page's own URL, query included (where to go afterwards).
    const enrolUrl = outcome.headers.get("Location")!;
    const page = await settle(() => staffEnrol.loader({ request: get(enrolUrl, cookie!), context: fakeContext(address), params: {} }));
    expect(page.status).toBe(200);
    expect(page.data.enrolment.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = String(page.data.enrolment.secret).replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // A reload shows the same secret (the QR code scanned a moment ago still works).
    const again = await settle(() => staffEnrol.loader({ request: get("/admin/sign-in/enrol", cookie!), context: fakeContext(address), params: {} }));
    expect(String(again.data.enrolment.secret).replace(/\s+/g, "")).toBe(secret);

    const wrong = await settle(() => staffEnrol.action({ request: post("/admin/sign-in/enrol", { code: "000000" }, cookie!), context: fakeContext(address), params: {} }));
    expect(wrong.status).toBe(400);
    expect(wrong.data.formError.key).toBe("enrol.errors.wrongCode");

    const done = await settle(() =>
      staffEnrol.action({ request: post(enrolUrl, { code: totpCodeAt(secret, new Date()) }, cookie!), context: fakeContext(address), params: {} }),
    );
    expect(done.status).toBe(200);
    const codes = done.data.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(done.data.redirectTo).toBe("/admin/staff");

    // Only hashes are kept.
    const [row] = await adminRows<{ hashes: string[]; secret: string; enrolled: Date | null }>(
      sql`select recovery_code_hashes as hashes, totp_secret as secret, totp_enrolled_at as enrolled from platform_staff where user_id = ${staff.id}`,
    );
    expect(row!.enrolled).not.toBeNull();
    expect(row!.hashes.sort()).toEqual(codes.map(hashRecoveryCode).sort());
    for (const code of codes) expect(row!.hashes).not.toContain(code);

    // The session is complete: the console opens; the enrolment page shows no secret any more.
    expect((await layoutLoad(cookie)).status).toBe(200);
    const after = await settle(() => staffEnrol.loader({ request: get("/admin/sign-in/enrol", cookie!), context: fakeContext(address), params: {} }));
    expect(after.data.enrolment).toBeNull();
    const audit = await withPlatform("tests: read the platform audit", (p) => p.db.select().from(platformAudit).where(eq(platformAudit.staffUserId, staff.id)));
    expect(audit.map((a) => a.action)).toContain("staff.enrol");
  });

  it("a later sign-in asks for the code; a code already used is refused (no replay)", async () => {
    const staff = await newStaff();
    const { secret } = await enrol(staff.email);
    const address = `10.${randomUUID().slice(0, 8)}`;
    const { outcome, cookie } = await passwordStep(staff.email, address);
    expect(outcome.headers.get("Location")).toBe("/admin/sign-in/code");
    const page = await settle(() => staffCode.loader({ request: get("/admin/sign-in/code", cookie!), context: fakeContext(address), params: {} }));
    expect(page.data.email).toBe(staff.email);

    // The next 30-second step is within the accepted window (clocks drift) and unused.
    const code = totpCodeAt(secret, new Date(Date.now() + STEP_MS));
    const ok = await codeStep(cookie!, address, { kind: "totp", code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/admin");
    expect((await layoutLoad(cookie)).status).toBe(200);

    const second = await passwordStep(staff.email, address);
    const replay = await codeStep(second.cookie!, address, { kind: "totp", code });
    expect(replay.status).toBe(400);
    expect(replay.data.formError.key).toBe("code.errors.wrongCode");
    expect((await layoutLoad(second.cookie)).status).toBe(302);
  });

  it("a recovery code works once", async () => {
    const staff = await newStaff();
    const { recoveryCodes } = await enrol(staff.email);
    const address = `10.${randomUUID().slice(0, 8)}`;
    const first = await passwordStep(staff.email, address);
    const used = await codeStep(first.cookie!, address, { kind: "recovery", code: recoveryCodes[0]!.toUpperCase() });
    expect(used.status).toBe(302);
    expect(used.headers.get("Location")).toBe("/admin");

    const second = await passwordStep(staff.email, address);
    const again = await codeStep(second.cookie!, address, { kind: "recovery", code: recoveryCodes[0]! });
    expect(again.status).toBe(400);
    expect(again.data.formError.key).toBe("code.errors.wrongRecovery");
    const other = await codeStep(second.cookie!, address, { kind: "recovery", code: recoveryCodes[1]!.replace("-", " ") });
    expect(other.status).toBe(302);
    const [row] = await adminRows<{ n: number }>(sql`select cardinality(recovery_code_hashes) as n from platform_staff where user_id = ${staff.id}`);
    expect(Number(row!.n)).toBe(8);
  });

  it("throttles wrong codes: the fifth in 15 minutes ends the half-session, locks the code step and records a security event", async () => {
    const staff = await newStaff();
    await enrol(staff.email);
    const address = `10.${randomUUID().slice(0, 8)}`;
    const { cookie } = await passwordStep(staff.email, address);
    for (let i = 1; i <= 4; i++) {
      const wrong = await codeStep(cookie!, address, { kind: "totp", code: "000000" });
      expect(wrong.status, `attempt ${i}`).toBe(400);
    }
    const fifth = await codeStep(cookie!, address, { kind: "recovery", code: "aaaaa-aaaaa" });
    expect(fifth.status).toBe(302);
    expect(fifth.headers.get("Location")).toMatch(/^\/admin\/sign-in\?locked=\d+$/);
    expect(fifth.headers.get("Set-Cookie")).toMatch(new RegExp(`^${COOKIE}=;`));
    const token = cookie!.split("=")[1]!;
    const left = await withIdentity("tests: the half-session", (i) => i.db.select().from(staffSessions).where(eq(staffSessions.id, hashSessionToken(token))));
    expect(left).toEqual([]);
    const events = await withPlatform("tests: security events", (p) => p.db.select().from(securityEvents).where(eq(securityEvents.userId, staff.id)));
    expect(events.map((e) => e.kind)).toContain("staff-code-locked");

    // The right password does not open a new half-session while the code step is locked.
    const retry = await passwordStep(staff.email, address);
    expect(retry.outcome.status).toBe(429);
    expect(retry.cookie).toBeNull();
  });

  it("answers a hospital user, a deactivated staff member and a wrong password alike", async () => {
    const hospital = await createTestHospital();
    const user = await createTestStaff(hospital.id, ["admin"]);
    const deactivated = await newStaff();
    const owner = await createTestPlatformStaff("owner");
    await setPlatformStaffActive({ staffUserId: owner.id }, deactivated.id, false);
    const staff = await newStaff();
    const answers = await Promise.all([
      passwordStep(user.email, `10.${randomUUID().slice(0, 8)}`),
      passwordStep(deactivated.email, `10.${randomUUID().slice(0, 8)}`),
      passwordStep(staff.email, `10.${randomUUID().slice(0, 8)}`, "not-the-password"),
    ]);
    for (const { outcome, cookie } of answers) {
      expect(outcome.status).toBe(400);
      expect(outcome.data.formError.key).toBe("signIn.errors.invalidCredentials");
      expect(cookie).toBeNull();
    }
  });

  it("the hospital sign-in refuses platform staff with its usual message", async () => {
    const staff = await newStaff();
    const result = await signIn({ email: staff.email, password: TEST_PASSWORD, address: `10.${randomUUID().slice(0, 8)}`, presentedToken: null });
    expect(result).toEqual({ ok: false, reason: "invalid-credentials" });
    const outcome = await settle(() =>
      hospitalSignIn.action({ request: post("/sign-in", { email: staff.email, password: TEST_PASSWORD }), context: fakeContext(), params: {} }),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.formError.key).toBe("signIn.errors.invalidCredentials");
  });

  it("a deactivated staff member loses the console at the next request", async () => {
    const staff = await createTestPlatformStaff("support");
    const owner = await createTestPlatformStaff("owner");
    expect((await layoutLoad(staff.cookie)).status).toBe(200);
    await setPlatformStaffActive({ staffUserId: owner.id }, staff.id, false);
    const next = await layoutLoad(staff.cookie);
    expect(next.status).toBe(302);
    expect(next.headers.get("Location")).toMatch(/^\/admin\/sign-in\?/);
  });

  it("sign-out ends the staff session and blanks its cookie", async () => {
    const staff = await createTestPlatformStaff("support");
    const out = await settle(() => staffSignOut.action({ request: post("/admin/sign-out", {}, staff.cookie), context: fakeContext(), params: {} }));
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe("/admin/sign-in?signedOut=1");
    expect(out.headers.get("Set-Cookie")).toMatch(new RegExp(`^${COOKIE}=;`));
    expect((await layoutLoad(staff.cookie)).status).toBe(302);
  });

  it("sends people after sign-in only to console paths", () => {
    expect(staffRedirectTarget("/admin/staff?x=1")).toBe("/admin/staff?x=1");
    expect(staffRedirectTarget("/admin")).toBe("/admin");
    for (const bad of ["/h/bv-x", "//evil.test/admin", "https://evil.test/admin", "/administrator", "/admin/sign-in/code", "", null]) {
      expect(staffRedirectTarget(bad), String(bad)).toBe("/admin");
    }
  });
});

describe("staff e-mail addresses and hospitals", () => {
  it("a hospital cannot invite a platform staff address", async () => {
    const hospital = await createTestHospital();
    const admin = await createTestStaff(hospital.id, ["admin"]);
    const staff = await newStaff();
    const openTx = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(hospital.id, { kind: "user", userId: admin.id, address: "test" }, fn);
    const result = await inviteStaff(openTx, [{ line: 1, name: "Nhân viên", email: staff.email.toUpperCase(), role: "doctor", department: "" }], {
      origin: ORIGIN,
      inviter: { id: admin.id, displayName: "Admin" },
      hospitalName: hospital.name,
    });
    expect(result).toEqual({ ok: false, errors: [{ row: 1, field: "email", key: "platformStaff" }] });
  });
});

describe("the staff accounts page (owners)", () => {
  const call = (handler: "loader" | "action", cookie: string, fields?: Record<string, string>) =>
    settle(() =>
      adminStaff[handler]!({ request: fields ? post("/admin/staff", fields, cookie) : get("/admin/staff", cookie), context: fakeContext(), params: {} }),
    );

  it("creates an account with a one-time password that signs in and must enrol; every change is in the platform audit", async () => {
    const owner = await createTestPlatformStaff("owner");
    const email = `${uniqueSlug("moi")}@vendor.test`;
    const created = await call("action", owner.cookie, { intent: "create", displayName: "Nhân viên Mới", email, role: "support" });
    expect(created.status).toBe(200);
    const password = created.data.created.password as string;
    expect(password.length).toBeGreaterThanOrEqual(16);
    const { outcome } = await passwordStep(email, `10.${randomUUID().slice(0, 8)}`, password);
    expect(outcome.headers.get("Location")).toBe("/admin/sign-in/enrol");

    const list = await call("loader", owner.cookie);
    const row = list.data.staff.find((s: { email: string }) => s.email === email);
    expect(row).toMatchObject({ role: "support", active: true, enrolled: false });

    expect((await call("action", owner.cookie, { intent: "role", userId: row.id, role: "operations", name: "x" })).status).toBe(200);
    expect((await call("action", owner.cookie, { intent: "reset", userId: row.id, name: "x" })).status).toBe(200);
    expect((await call("action", owner.cookie, { intent: "deactivate", userId: row.id, name: "x" })).status).toBe(200);
    const taken = await call("action", owner.cookie, { intent: "create", displayName: "Trùng", email, role: "support" });
    expect(taken.status).toBe(400);
    expect(taken.data.errors.email).toBe("staff.errors.emailTaken");

    const audit = await withPlatform("tests: the platform audit", (p) => p.db.select().from(platformAudit).where(eq(platformAudit.staffUserId, owner.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["staff.create", "staff.deactivate", "staff.reset-two-factor", "staff.role"]);
    expect(audit.find((a) => a.action === "staff.role")!.details).toMatchObject({ userId: row.id, from: "support", to: "operations" });
    const [after] = await withIdentity("tests: the account", (i) => i.db.select().from(platformStaff).where(eq(platformStaff.userId, row.id)));
    expect(after).toMatchObject({ role: "operations", active: false, totpSecret: null });
  });

  it("refuses to deactivate oneself, and keeps an active owner", async () => {
    const owner = await createTestPlatformStaff("owner");
    const self = await call("action", owner.cookie, { intent: "deactivate", userId: owner.id, name: "me" });
    expect(self.status).toBe(409);
    expect(self.data.refusal).toBe("staff.errors.self");
    // Whether the last owner rule fires depends on other tests' owners: check it in one transaction.
    const owners = await withIdentity("tests: active owners", (i) =>
      i.db.select({ id: platformStaff.userId }).from(platformStaff).where(sql`role = 'owner' and active`),
    );
    expect(owners.length).toBeGreaterThan(0);
  });

  it("is refused to support and operations staff", async () => {
    for (const role of ["support", "operations"] as const) {
      const staff = await createTestPlatformStaff(role);
      expect((await call("loader", staff.cookie)).status).toBe(403);
      expect((await call("action", staff.cookie, { intent: "create", displayName: "x", email: "x@y.test", role: "owner" })).status).toBe(403);
    }
  });
});

describe("the platform audit table", () => {
  it("the platform role may add and read entries, never change or remove one", async () => {
    const owner = await createTestPlatformStaff("owner");
    await withPlatform("tests: audit", (p) => recordPlatformAudit(p, { staffUserId: owner.id, action: "test.entry", details: { n: 1 } }));
    await expectPgError(
      withPlatform("tests: rewrite", (p) => p.db.execute(sql`update platform_audit set action = 'x' where staff_user_id = ${owner.id}`)),
      PG.insufficientPrivilege,
    );
    await expectPgError(withPlatform("tests: erase", (p) => p.db.execute(sql`delete from platform_audit where staff_user_id = ${owner.id}`)), PG.insufficientPrivilege);
    const rows = await withPlatform("tests: read", (p) => p.db.execute(sql`select action from platform_audit where staff_user_id = ${owner.id}`));
    expect(rowsOf<{ action: string }>(rows).map((r) => r.action)).toEqual(["test.entry"]);
  });
});

