// The door, at the HTTP boundary: loaders and actions called with real Request objects and the load
// context the server would give them. (The Remix server build is not available under vitest.)
import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions, signInAttempts, tenants, users } from "~db/schema";
import { withIdentity, withPlatform } from "~db/scope.server";
import { may, requireMember, requireUser } from "~/auth/guards.server";
import { languageCookie } from "~/i18n/i18next.server";
import { HOSPITAL_SUSPENDED } from "~/lib/http-errors";
import { generateSessionToken, hashSessionToken } from "~/auth/session.server";
import { emailKeyOf } from "~/auth/sign-in-throttle.server";
import { addMembership } from "~/hospitals/add-staff.server";
import * as splatRoute from "~/routes/$";
import * as indexRoute from "~/routes/_index";
import * as hospitalLayout from "~/routes/h.$hospital";
import * as hospitalPicker from "~/routes/h._index";
import * as languageRoute from "~/routes/language";
import * as signInRoute from "~/routes/sign-in";
import * as signOutRoute from "~/routes/sign-out";
import { systemActor } from "~db/scope.server";
import { createTestHospital, createTestStaff, TEST_PASSWORD } from "../support/factories";
import { fakeContext, get, post, settle } from "../support/http";

const COOKIE_NAME = "emr_session"; // NODE_ENV is "test": the development cookie

const args = (request: Request, context: AppLoadContext, params: Record<string, string> = {}) => ({ request, context, params });

async function signInThroughForm(email: string, password = TEST_PASSWORD, extra: Record<string, string> = {}, cookie?: string) {
  return settle(() => signInRoute.action(args(post("/sign-in", { email, password, ...extra }, cookie), fakeContext())));
}

/** Signs in through the form and returns the Cookie header a browser would send afterwards. */
async function sessionCookieFor(email: string): Promise<string> {
  const outcome = await signInThroughForm(email);
  expect(outcome.status).toBe(302);
  const setCookie = outcome.headers.get("Set-Cookie") ?? "";
  const match = new RegExp(`^${COOKIE_NAME}=([a-z2-7]{32});`).exec(setCookie);
  expect(match, setCookie).not.toBeNull();
  return `${COOKIE_NAME}=${match![1]}`;
}

function isBlankingCookie(setCookie: string | null): boolean {
  return setCookie !== null && setCookie.startsWith(`${COOKIE_NAME}=;`) && setCookie.includes("Max-Age=0");
}

describe("the hospital door", () => {
  it("gives a member of hospital A a 404, not a 403, for hospital B", async () => {
    const a = await createTestHospital("Bệnh viện A");
    const b = await createTestHospital("Bệnh viện B");
    const staff = await createTestStaff(a.id);
    const cookie = await sessionCookieFor(staff.email);

    const ownHospital = await settle(() => hospitalLayout.loader(args(get(`/h/${a.slug}/patients`, cookie), fakeContext(), { hospital: a.slug })));
    expect(ownHospital.status).toBe(200);
    expect(ownHospital.data).toMatchObject({ hospital: { slug: a.slug, name: "Bệnh viện A" } });

    const otherHospital = await settle(() => hospitalLayout.loader(args(get(`/h/${b.slug}/patients`, cookie), fakeContext(), { hospital: b.slug })));
    expect(otherHospital.status).toBe(404);
    const guard = await settle(() => requireMember(get(`/h/${b.slug}/patients`, cookie), fakeContext(), b.slug, "patient:read"));
    expect(guard.status).toBe(404);
  });

  it.each([
    ["unknown", "bv-khong-ton-tai"],
    ["a path trick", "../admin"],
    ["in capitals", "BV-A"],
    ["with a space", "bv a"],
    ["500 characters long", "x".repeat(500)],
    ["empty", ""],
  ])("answers 404 for a hospital slug that is %s", async (_label, slug) => {
      const a = await createTestHospital();
      const staff = await createTestStaff(a.id);
      const cookie = await sessionCookieFor(staff.email);
      const outcome = await settle(() => requireMember(get(`/h/x/patients`, cookie), fakeContext(), slug));
      expect(outcome.status).toBe(404);
  });

  it("admits a member, names them as the actor with their address, and tags the request log", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id, ["receptionist"]);
    const cookie = await sessionCookieFor(staff.email);
    const context = fakeContext("192.0.2.7");
    const member = await requireMember(get(`/h/${a.slug}/patients`, cookie), context, a.slug, "patient:write");
    expect(member.hospital).toMatchObject({ id: a.id, slug: a.slug });
    expect(member.roles).toEqual(["receptionist"]);
    expect(member.actor).toEqual({ kind: "user", userId: staff.id, address: "192.0.2.7" });
    expect(context.log).toEqual({ userId: staff.id, tenantId: a.id });
  });

  it("opens the hospital's data for an action only when the door checked a write permission", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id, ["doctor"]);
    const cookie = await sessionCookieFor(staff.email);
    const tenantOf = (t: { tenantId: string }) => Promise.resolve(t.tenantId);
    const checkedForRead = await requireMember(post(`/h/${a.slug}/patients/new`, {}, cookie), fakeContext(), a.slug, "patient:read");
    await expect(checkedForRead.tx(tenantOf)).rejects.toThrow(/write permission/);
    const checkedForNothing = await requireMember(post(`/h/${a.slug}/patients/new`, {}, cookie), fakeContext(), a.slug);
    await expect(checkedForNothing.tx(tenantOf)).rejects.toThrow(/write permission/);
    const checkedForWrite = await requireMember(post(`/h/${a.slug}/patients/new`, {}, cookie), fakeContext(), a.slug, "patient:write");
    await expect(checkedForWrite.tx(tenantOf)).resolves.toBe(a.id);
    // Reading needs no write permission.
    const reader = await requireMember(get(`/h/${a.slug}/patients`, cookie), fakeContext(), a.slug, "patient:read");
    await expect(reader.tx(tenantOf)).resolves.toBe(a.id);
  });

  it("answers 403 to a member without the permission", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id, ["pharmacist"]);
    const cookie = await sessionCookieFor(staff.email);
    const outcome = await settle(() => requireMember(get(`/h/${a.slug}/staff`, cookie), fakeContext(), a.slug, "staff:manage"));
    expect(outcome.status).toBe(403);
  });

  it("lets a read-only hospital read its records but refuses every write", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id, ["doctor"]);
    const cookie = await sessionCookieFor(staff.email);
    await withPlatform("test: degrade to read-only", (p) => p.db.update(tenants).set({ status: "read_only" }).where(eq(tenants.id, a.id)));
    const read = await requireMember(get(`/h/${a.slug}/patients`, cookie), fakeContext(), a.slug, "patient:read");
    expect(read.hospital.status).toBe("read_only");
    const write = await settle(() => requireMember(get(`/h/${a.slug}/patients`, cookie), fakeContext(), a.slug, "patient:write"));
    expect(write.status).toBe(403);
    // The pages say so rather than offering forms that would be refused.
    const layout = await settle(() => hospitalLayout.loader(args(get(`/h/${a.slug}/patients`, cookie), fakeContext(), { hospital: a.slug })));
    expect(layout.data).toMatchObject({ readOnly: true });
    expect(may(read, "patient:write")).toBe(false);
    expect(may(read, "patient:read")).toBe(true);
  });

  it("locks every member out of a suspended hospital, reads included, and says why", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id, ["admin", "doctor"]);
    const cookie = await sessionCookieFor(staff.email);
    await withPlatform("test: suspend", (p) => p.db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, a.id)));
    for (const permission of [undefined, "patient:read", "patient:write"] as const) {
      const outcome = await settle(() => requireMember(get(`/h/${a.slug}/patients`, cookie), fakeContext(), a.slug, permission));
      expect(outcome.status, String(permission)).toBe(403);
      expect(await outcome.response?.json()).toEqual({ reason: HOSPITAL_SUSPENDED });
    }
    const layout = await settle(() => hospitalLayout.loader(args(get(`/h/${a.slug}/patients`, cookie), fakeContext(), { hospital: a.slug })));
    expect(layout.status).toBe(403);
    // A non-member still cannot tell that the hospital exists.
    const outsider = await sessionCookieFor((await createTestStaff((await createTestHospital()).id)).email);
    expect((await settle(() => requireMember(get(`/h/${a.slug}/patients`, outsider), fakeContext(), a.slug))).status).toBe(404);
  });

  it("leaves a suspended hospital out of the picker", async () => {
    const active = await createTestHospital("Bệnh viện Hoạt động");
    const alsoActive = await createTestHospital("Bệnh viện Hoạt động 2");
    const suspended = await createTestHospital("Bệnh viện Tạm ngưng");
    const staff = await createTestStaff(active.id);
    for (const hospital of [alsoActive, suspended]) await addMembership(hospital.id, staff.id, ["doctor"], systemActor("tests"));
    const cookie = await sessionCookieFor(staff.email);
    await withPlatform("test: suspend", (p) => p.db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, suspended.id)));
    const picker = await settle(() => hospitalPicker.loader(args(get("/h", cookie), fakeContext())));
    expect(picker.status).toBe(200);
    expect(picker.data.hospitals.map((h: { slug: string }) => h.slug).sort()).toEqual([active.slug, alsoActive.slug].sort());
    // With only one hospital left to open, the picker goes straight to it.
    await withPlatform("test: suspend", (p) => p.db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, alsoActive.id)));
    const straight = await settle(() => hospitalPicker.loader(args(get("/h", cookie), fakeContext())));
    expect(straight.headers.get("Location")).toBe(`/h/${active.slug}/patients`);
  });

  it("shows an active hospital as writable to a member who may write", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id, ["doctor"]);
    const cookie = await sessionCookieFor(staff.email);
    const layout = await settle(() => hospitalLayout.loader(args(get(`/h/${a.slug}/patients`, cookie), fakeContext(), { hospital: a.slug })));
    expect(layout.data).toMatchObject({ readOnly: false });
    const member = await requireMember(get(`/h/${a.slug}/patients`, cookie), fakeContext(), a.slug);
    expect(may(member, "patient:write")).toBe(true);
  });

  it("sends a signed-out request to sign-in, remembering where it was going", async () => {
    const a = await createTestHospital();
    const outcome = await settle(() => hospitalLayout.loader(args(get(`/h/${a.slug}/patients?q=an`), fakeContext(), { hospital: a.slug })));
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/h/${a.slug}/patients?q=an`)}`);
    expect(outcome.headers.get("Set-Cookie")).toBeNull();
  });

  it.each([
    ["a well-formed token that was never issued", () => generateSessionToken()],
    ["a token's hash instead of the token", () => hashSessionToken(generateSessionToken())],
    ["garbage", () => "%E0%A4%A;<script>"],
    ["an empty value", () => ""],
  ])("treats a forged cookie (%s) as signed out and blanks it", async (_label, forge) => {
    const a = await createTestHospital();
    const cookie = `${COOKIE_NAME}=${forge()}`;
    const outcome = await settle(() => hospitalLayout.loader(args(get(`/h/${a.slug}/patients`, cookie), fakeContext(), { hospital: a.slug })));
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toMatch(/^\/sign-in\?redirectTo=/);
    expect(isBlankingCookie(outcome.headers.get("Set-Cookie"))).toBe(true);

    // Pages open to everyone show as signed out, and blank the cookie too.
    const signInPage = await settle(() => signInRoute.loader(args(get("/sign-in", cookie), fakeContext())));
    expect(signInPage.status).toBe(200);
    expect(isBlankingCookie(signInPage.headers.get("Set-Cookie"))).toBe(true);
  });

  it("does not accept the stored session id as a cookie (a leaked table is useless)", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const cookie = await sessionCookieFor(staff.email);
    const sessionId = hashSessionToken(cookie.split("=")[1]!);
    const outcome = await settle(() => requireUser(get("/h", `${COOKIE_NAME}=${sessionId}`), fakeContext()));
    expect(outcome.status).toBe(302);
  });

  it("answers 404 for an address no route claims, so the root error page renders", async () => {
    expect((await settle(() => splatRoute.loader())).status).toBe(404);
    expect((await settle(() => splatRoute.action())).status).toBe(404);
    expect(splatRoute.default).toBeTypeOf("function");
  });
});

describe("the sign-in form", () => {
  it("signs in, sets an HttpOnly Lax cookie, and goes to /h", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const outcome = await signInThroughForm(staff.email);
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/h");
    const setCookie = outcome.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
  });

  it.each([
    ["/h/bv-x/patients?q=1", "/h/bv-x/patients?q=1"],
    ["//evil.test/h", "/h"],
    ["https://evil.test/", "/h"],
    ["/\\evil.test", "/h"],
    ["/.//evil.test", "/h"],
    ["/%2e//evil.test", "/h"],
  ])("after sign-in goes to redirectTo %j only if it is on this site", async (redirectTo, expected) => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const outcome = await signInThroughForm(staff.email, TEST_PASSWORD, { redirectTo });
    expect(outcome.headers.get("Location")).toBe(expected);
  });

  it("gives the same answer for a wrong password and an unknown e-mail, and keeps the typed e-mail", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const unknown = `khong-co-${randomUUID()}@example.test`;
    const wrongPassword = await signInThroughForm(staff.email, "sai-mat-khau");
    const unknownEmail = await signInThroughForm(unknown, "sai-mat-khau");
    expect(wrongPassword.status).toBe(400);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(wrongPassword.data).toEqual({
      ok: false,
      values: { email: staff.email, password: "" },
      errors: {},
      formError: { key: "signIn.errors.invalidCredentials" },
    });
    expect(unknownEmail.data).toEqual({
      ok: false,
      values: { email: unknown, password: "" },
      errors: {},
      formError: { key: "signIn.errors.invalidCredentials" },
    });
    expect(wrongPassword.headers.get("Set-Cookie")).toBeNull();
  });

  it("refuses an over-long password or e-mail with a clear message, and records nothing", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const tooLongPassword = await signInThroughForm(staff.email, "x".repeat(257));
    expect(tooLongPassword.status).toBe(400);
    expect(tooLongPassword.data).toMatchObject({ values: { email: staff.email, password: "" }, errors: { password: "signIn.errors.passwordTooLong" } });

    const longEmail = `${"a".repeat(250)}@example.test`;
    const tooLongEmail = await signInThroughForm(longEmail, TEST_PASSWORD);
    expect(tooLongEmail.data).toMatchObject({ errors: { email: "signIn.errors.emailTooLong" } });

    const attempts = await withIdentity("test: attempts", (p) =>
      p.db.select().from(signInAttempts).where(eq(signInAttempts.emailKey, emailKeyOf(staff.email))),
    );
    expect(attempts).toEqual([]);
  });

  it("asks for a missing e-mail and password, and for an e-mail in the right form", async () => {
    const empty = await signInThroughForm("", "");
    expect(empty.data).toMatchObject({ errors: { email: "signIn.errors.emailRequired", password: "signIn.errors.passwordRequired" } });
    const malformed = await signInThroughForm("khong-phai-email", "x");
    expect(malformed.data).toMatchObject({ errors: { email: "signIn.errors.emailInvalid" } });
  });

  it("says how many minutes to wait once an account is locked, with Retry-After", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    for (let i = 0; i < 5; i++) await signInThroughForm(staff.email, `sai-${i}`);
    const locked = await signInThroughForm(staff.email);
    expect(locked.status).toBe(429);
    expect(locked.data).toMatchObject({ formError: { key: "signIn.errors.accountLocked", count: 15 } });
    expect(locked.headers.get("Retry-After")).toBe("900");
  });

  it("ends the session the browser already had, and issues a new one", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const first = await sessionCookieFor(staff.email);
    const again = await signInThroughForm(staff.email, TEST_PASSWORD, {}, first);
    expect(again.status).toBe(302);
    const second = again.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(second).not.toBe(first);
    expect((await settle(() => requireUser(get("/h", first), fakeContext()))).status).toBe(302);
    await expect(requireUser(get("/h", second), fakeContext())).resolves.toMatchObject({ id: staff.id });
  });

  it("sends a signed-in person who opens /sign-in on to where they were going", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const cookie = await sessionCookieFor(staff.email);
    const outcome = await settle(() => signInRoute.loader(args(get("/sign-in?redirectTo=%2Fh%2Fbv-a", cookie), fakeContext())));
    expect(outcome.headers.get("Location")).toBe("/h/bv-a");
    const signedOut = await settle(() => signInRoute.loader(args(get("/sign-in"), fakeContext())));
    expect(signedOut.status).toBe(200);
  });
});

describe("signing out", () => {
  it("is a POST that ends the session, blanks the cookie and goes to sign-in", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const cookie = await sessionCookieFor(staff.email);
    const sessionId = hashSessionToken(cookie.split("=")[1]!);

    const viaGet = await settle(() => signOutRoute.loader());
    expect(viaGet.status).toBe(302);
    await expect(requireUser(get("/h", cookie), fakeContext())).resolves.toMatchObject({ id: staff.id });

    const outcome = await settle(() => signOutRoute.action(args(post("/sign-out", {}, cookie), fakeContext())));
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/sign-in");
    expect(isBlankingCookie(outcome.headers.get("Set-Cookie"))).toBe(true);
    const rows = await withIdentity("test: session", (p) => p.db.select().from(sessions).where(eq(sessions.id, sessionId)));
    expect(rows).toEqual([]);
    expect((await settle(() => requireUser(get("/h", cookie), fakeContext()))).status).toBe(302);
  });
});

describe("the start page and the hospital picker", () => {
  it("the start page sends signed-in people to /h and shows others the landing page (sign-up, sign-in)", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const cookie = await sessionCookieFor(staff.email);
    expect((await settle(() => indexRoute.loader(args(get("/", cookie), fakeContext())))).headers.get("Location")).toBe("/h");
    const landing = await settle(() => indexRoute.loader(args(get("/"), fakeContext())));
    expect(landing.status).toBe(200);
    expect(landing.headers.get("Location")).toBeNull();
  });

  it("goes straight to the only hospital, and lists several by name", async () => {
    const a = await createTestHospital("Bệnh viện Đa khoa A");
    const b = await createTestHospital("Bệnh viện Đa khoa B");
    const c = await createTestHospital("Bệnh viện không liên quan");
    const staff = await createTestStaff(a.id);
    const cookie = await sessionCookieFor(staff.email);
    const single = await settle(() => hospitalPicker.loader(args(get("/h", cookie), fakeContext())));
    expect(single.headers.get("Location")).toBe(`/h/${a.slug}/patients`);

    await addMembership(b.id, staff.id, ["nurse"], systemActor("tests"));
    const several = await settle(() => hospitalPicker.loader(args(get("/h", cookie), fakeContext())));
    expect(several.status).toBe(200);
    const hospitals = (several.data as { hospitals: { slug: string; name: string }[] }).hospitals;
    expect(hospitals.map(({ slug, name }) => ({ slug, name }))).toEqual([
      { slug: a.slug, name: "Bệnh viện Đa khoa A" },
      { slug: b.slug, name: "Bệnh viện Đa khoa B" },
    ]);
    expect(hospitals.map((h) => h.slug)).not.toContain(c.slug);
  });

  it("the picker sends a signed-out person to sign-in", async () => {
    const outcome = await settle(() => hospitalPicker.loader(args(get("/h"), fakeContext())));
    expect(outcome.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fh");
  });
});

describe("the language switch", () => {
  it("sets the lng cookie, saves the choice of a signed-in person, and goes back", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const cookie = await sessionCookieFor(staff.email);
    const outcome = await settle(() =>
      languageRoute.action(args(post("/language", { lng: "en", redirectTo: `/h/${a.slug}/patients` }, cookie), fakeContext())),
    );
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`/h/${a.slug}/patients`);
    expect(outcome.headers.get("Set-Cookie")).toMatch(/^lng=/);
    const [row] = await withIdentity("test: locale", (p) => p.db.select({ locale: users.locale }).from(users).where(eq(users.id, staff.id)));
    expect(row?.locale).toBe("en");
  });

  it.each([["//evil.test"], ["/.//evil.test"], ["/a/..//evil.test"], ["/%2e//evil.test"]])(
    "works signed out, and never redirects off the site (redirectTo %j)",
    async (redirectTo) => {
      const outcome = await settle(() => languageRoute.action(args(post("/language", { lng: "vi", redirectTo }), fakeContext())));
      expect(outcome.status).toBe(302);
      expect(outcome.headers.get("Location")).toBe("/");
      expect(outcome.headers.get("Set-Cookie")).toMatch(/^lng=/);
    },
  );

  it("refuses an unknown language with 400 and changes nothing", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    const cookie = await sessionCookieFor(staff.email);
    for (const lng of ["fr", "", "VI", "vi;"]) {
      const outcome = await settle(() => languageRoute.action(args(post("/language", { lng, redirectTo: "/h" }, cookie), fakeContext())));
      expect(outcome.status).toBe(400);
      expect(outcome.data).toEqual({ error: "language.invalid" });
      expect(outcome.headers.get("Set-Cookie")).toBeNull();
    }
    const [row] = await withIdentity("test: locale", (p) => p.db.select({ locale: users.locale }).from(users).where(eq(users.id, staff.id)));
    expect(row?.locale).toBe("vi");
    // A document POST runs the route's loader before rendering the refusal: it must not redirect it away.
    const loaded = await settle(() => languageRoute.loader({ request: get("/language"), context: fakeContext(), params: {} }));
    expect(loaded.status).toBe(200);
  });

  it("applies a person's saved language at sign-in on a browser that has none chosen, never over a choice", async () => {
    const a = await createTestHospital();
    const staff = await createTestStaff(a.id);
    await withIdentity("test: save locale", (p) => p.db.update(users).set({ locale: "en" }).where(eq(users.id, staff.id)));

    const fresh = await signInThroughForm(staff.email);
    expect(fresh.status).toBe(302);
    const freshCookies = fresh.headers.get("Set-Cookie") ?? "";
    expect(freshCookies).toMatch(/(^|, )lng=/);
    expect(await languageCookie.parse(freshCookies.slice(freshCookies.indexOf("lng=")).split(";")[0]!)).toBe("en");

    const chosen = await signInThroughForm(staff.email, TEST_PASSWORD, {}, await languageCookie.serialize("vi"));
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("Set-Cookie") ?? "").not.toMatch(/(^|, )lng=/);
  });
});
