// The console's door (decision 055): every route of ADMIN_ROUTES in app/routes.ts (and the layout), read
// from the table, never listed here, so that a page another part adds is proved the day it lands. For
// each loader and action: signed out -> the staff sign-in, remembering where it was going; a hospital
// user's session -> the same (it counts for nothing here); a half-session (password, no code yet) -> the
// same; a staff role the route does not name -> 403; a role it names -> in.
//
// Each handler is called on its own, as a single-fetch request may run it: a page cannot lean on the
// layout's check.
import { randomUUID } from "node:crypto";
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import type { RouteConfigEntry } from "@remix-run/route-config";
import { beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_STAFF_ROLES, type PlatformStaffRole } from "~db/schema";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import { createPlatformStaff } from "~/auth/platform-staff.server";
import { createStaffSession, staffCookieName } from "~/auth/staff-session.server";
import routes, { ADMIN_LAYOUT, ADMIN_ROUTES, ANY_STAFF, STAFF_PUBLIC_ROUTES, type AdminRoute } from "~/routes";
import { createTestHospital, createTestStaff, TEST_PASSWORD, uniqueSlug } from "../support/factories";
import { fakeContext, get, post, settle, type Outcome } from "../support/http";
import { createTestPlatformStaff } from "../support/staff";

type RouteModule = { loader?: LoaderFunction; action?: ActionFunction; default?: unknown };
const modules = import.meta.glob<RouteModule>(["/app/routes/**/*.{ts,tsx}", "!/app/routes/**/*.test.{ts,tsx}"]);

async function moduleOf(file: string): Promise<RouteModule> {
  const load = modules[`/app/${file}`];
  if (!load) throw new Error(`no module for ${file}`);
  return load();
}

function flatten(entries: readonly RouteConfigEntry[], parentPath = ""): { file: string; path: string }[] {
  return entries.flatMap((entry) => {
    const path = entry.path ? `${parentPath}/${entry.path}` : parentPath;
    return [{ file: entry.file, path: path || "/" }, ...flatten(entry.children ?? [], path)];
  });
}

type Door = AdminRoute & { fullPath: string };
const doors: Door[] = [
  { ...ADMIN_LAYOUT, fullPath: "/admin" },
  ...ADMIN_ROUTES.map((r) => ({ ...r, fullPath: r.path ? `/admin/${r.path}` : "/admin" })),
];

type Person = { cookie: string | null };
let hospitalUser: Person;
let halfSession: Person;
const staffByRole = new Map<PlatformStaffRole, Person>();
/** Route parameters get a real hospital's id (most console pages name a hospital), others a fresh uuid. */
let hospitalId: string;

beforeAll(async () => {
  const hospital = await createTestHospital("Bệnh viện Cửa Quản trị");
  hospitalId = hospital.id;
  const user = await createTestStaff(hospital.id, ["admin"]);
  hospitalUser = { cookie: `${sessionCookieName(false)}=${(await createUserSession(user.id)).token}` };
  for (const role of PLATFORM_STAFF_ROLES) staffByRole.set(role, { cookie: (await createTestPlatformStaff(role)).cookie });
  const half = await createPlatformStaff({ email: `${uniqueSlug("half")}@vendor.test`, displayName: "Nửa Phiên", password: TEST_PASSWORD, role: "owner" });
  halfSession = { cookie: `${staffCookieName(false)}=${await createStaffSession(half.id, { secondFactor: false })}` };
});

function urlOf(fullPath: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = fullPath.replace(/:(\w+)/g, (_, name: string) => {
    params[name] = /^(tenantId|hospitalId|hospital|id)$/.test(name) ? hospitalId : randomUUID();
    return params[name]!;
  });
  return { url, params };
}

type Handler = "loader" | "action";

async function call(door: Door, handler: Handler, person: Person): Promise<Outcome> {
  const run = (await moduleOf(door.file))[handler]!;
  const { url, params } = urlOf(door.fullPath);
  const request = handler === "loader" ? get(url, person.cookie ?? undefined) : post(url, {}, person.cookie ?? undefined);
  return settle(() => run({ request, context: fakeContext(), params }));
}

describe("the console's route table", () => {
  it("puts every route under /admin in ADMIN_ROUTES, except the sign-in pages before the door", () => {
    const publicFiles = new Set(flatten(STAFF_PUBLIC_ROUTES).map((r) => r.file));
    const underAdmin = flatten(routes).filter((r) => (r.path === "/admin" || r.path.startsWith("/admin/")) && !publicFiles.has(r.file));
    expect(underAdmin.map((r) => r.file).sort()).toEqual(doors.map((d) => d.file).sort());
  });

  it("gives each module the handlers its entry declares, and a page where it may refuse", async () => {
    for (const door of doors) {
      const module = await moduleOf(door.file);
      expect(typeof module.loader, `${door.file} loader`).toBe("function");
      if (door.file !== ADMIN_LAYOUT.file) expect(typeof module.action, `${door.file} action`).toBe(door.action ? "function" : "undefined");
      // A page that can answer 403 needs a component, or the refusal goes out bare instead of as the
      // error page in the person's language (a redirect-only index for any staff needs none).
      if (door.loader !== ANY_STAFF || door.action) expect(typeof module.default, `${door.file} default export`).toBe("function");
    }
  });
});

const handlers = doors.flatMap((door) => {
  const list: { door: Door; handler: Handler; roles: AdminRoute["loader"] }[] = [{ door, handler: "loader", roles: door.loader }];
  if (door.action) list.push({ door, handler: "action", roles: door.action });
  return list;
});

const allowed = (roles: AdminRoute["loader"], role: PlatformStaffRole) => roles === ANY_STAFF || roles.includes(role);
const toSignIn = (outcome: Outcome) => outcome.status === 302 && (outcome.headers.get("Location") ?? "").startsWith("/admin/sign-in?");

describe.each(handlers.map((h) => [`${h.door.fullPath} ${h.handler} in ${h.door.file}`, h] as const))("%s", (_, { door, handler, roles }) => {
  it("sends a signed-out request to the staff sign-in, remembering where it was going", async () => {
    const outcome = await call(door, handler, { cookie: null });
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`/admin/sign-in?${new URLSearchParams({ redirectTo: urlOf(door.fullPath).url })}`);
  });

  it("sends a hospital user's session to the staff sign-in", async () => {
    expect(toSignIn(await call(door, handler, hospitalUser))).toBe(true);
  });

  it("sends a half-session (password accepted, no code yet) to the staff sign-in", async () => {
    expect(toSignIn(await call(door, handler, halfSession))).toBe(true);
  });

  it.each(PLATFORM_STAFF_ROLES.map((role) => [role] as const))("as %s: 403 unless the route names the role, in when it does", async (role) => {
    const outcome = await call(door, handler, staffByRole.get(role)!);
    if (allowed(roles, role)) {
      expect(outcome.status).not.toBe(403);
      expect(toSignIn(outcome)).toBe(false);
    } else {
      expect(outcome.status).toBe(403);
    }
  });
});
