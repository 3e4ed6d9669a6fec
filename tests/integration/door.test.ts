// The door test: every route in the route table (app/routes.ts), and every hospital loader and action
// in it, is tried from outside. Nothing here lists routes by hand: the table says what exists and which
// permission each hospital handler needs, and this file derives every check from it (naughty requests,
// in Medplum's words). A route file without a table entry, or a hospital handler that answers a stranger
// with anything but 404, fails here.
//
// Each loader is called on its own, as a single-fetch request may run it (`?_routes=`): a route cannot
// lean on the layout's check.
import { readdirSync } from "node:fs";
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import type { RouteConfigEntry } from "@remix-run/route-config";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { STAFF_ROLES, tenants, type StaffRole } from "~db/schema";
import { systemActor, withPlatform, withTenant } from "~db/scope.server";
import { isWritePermission, opensInAction, PERMISSIONS, type Permission } from "~/auth/permissions";
import { requestExport } from "~/exports/exports.server";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import { listMembers } from "~/staff/members.server";
import { listRoles } from "~/staff/roles.server";
import routes, { ANY_MEMBER, HOSPITAL_LAYOUT, HOSPITAL_ROUTES, SIGNED_IN_ROUTES, type HospitalRoute } from "~/routes";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";
import { fakeContext, get, post, settle, type Outcome } from "../support/http";
import { createOrderCatalog, createTestVisitWithOrder } from "./order-fixtures";

type RouteModule = { loader?: LoaderFunction; action?: ActionFunction; default?: unknown };

const ROUTES_FOLDER = new URL("../../app/routes/", import.meta.url);
const modules = import.meta.glob<RouteModule>(["/app/routes/**/*.{ts,tsx}", "!/app/routes/**/*.test.{ts,tsx}"]);

function moduleOf(file: string): Promise<RouteModule> {
  const load = modules[`/app/${file}`];
  if (!load) throw new Error(`no module for ${file}`);
  return load();
}

/** Every entry of a route config with its full path, depth first. */
function flatten(entries: readonly RouteConfigEntry[], parentPath = ""): { file: string; path: string }[] {
  return entries.flatMap((entry) => {
    const path = entry.path ? `${parentPath}/${entry.path}` : parentPath;
    return [{ file: entry.file, path: path || "/" }, ...flatten(entry.children ?? [], path)];
  });
}

const table = flatten(routes);
const HOSPITAL_PREFIX = "/h/:hospital";
const hospitalDoors: (HospitalRoute & { fullPath: string })[] = [
  { ...HOSPITAL_LAYOUT, fullPath: HOSPITAL_PREFIX },
  ...HOSPITAL_ROUTES.map((r) => ({ ...r, fullPath: r.path ? `${HOSPITAL_PREFIX}/${r.path}` : HOSPITAL_PREFIX })),
];

describe("the route table", () => {
  it("lists every file in app/routes/, and nothing that is not there", () => {
    const files = readdirSync(ROUTES_FOLDER, { recursive: true, encoding: "utf8" })
      .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
      .map((name) => `routes/${name.split("\\").join("/")}`)
      .sort();
    const listed = [...new Set(table.map((r) => r.file))].sort();
    expect(listed).toEqual(files);
  });

  it("declares a door for every route under /h/:hospital, and each module has those handlers and a page", async () => {
    const underHospital = table.filter((r) => r.path === HOSPITAL_PREFIX || r.path.startsWith(`${HOSPITAL_PREFIX}/`));
    expect(underHospital.map((r) => r.file).sort()).toEqual(hospitalDoors.map((d) => d.file).sort());
    for (const door of hospitalDoors) {
      const module = await moduleOf(door.file);
      expect(typeof module.loader, `${door.file} loader`).toBe("function");
      expect(typeof module.action, `${door.file} action`).toBe(door.action ? "function" : "undefined");
      // Without a component it would be a resource route: its 404s and 403s would go out bare, not as
      // the error page in the person's language. Only a declared file download is one (its body is the file).
      expect(typeof module.default, `${door.file} default export`).toBe(door.download ? "undefined" : "function");
      if (door.download) expect(door.action, `${door.file} is a download: no action`).toBeUndefined();
    }
  });

  it("gives every action a write or set-up permission, so a read-only hospital refuses every action", () => {
    for (const door of hospitalDoors) {
      // The one exception is declared in the vocabulary: a read whose action only records a request
      // (data:export, decision 053); a read-only hospital may still ask for its own data.
      if (door.action && PERMISSIONS[door.action].kind === "read") expect(opensInAction(door.action), door.file).toBe(true);
      else if (door.action) expect(isWritePermission(door.action), door.file).toBe(true);
    }
  });
});

// --- the people at the door -------------------------------------------------------------------------

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;
type Person = { cookie: string };

/** Values for the route parameters besides :hospital, per hospital. A new parameter needs one here. */
type Samples = Record<string, string>;

let active: Hospital;
let readOnly: Hospital;
let elsewhere: Hospital;
const samples = new Map<string, Samples>();
let stranger: Person;
let insider: Person;
let everyRoleActive: Person;
let everyRoleReadOnly: Person;
const lacking = new Map<Permission, Person>();

async function personWith(hospitalId: string, roles: StaffRole[]): Promise<Person> {
  const user = await createTestStaff(hospitalId, roles);
  const { token } = await createUserSession(user.id);
  return { cookie: `${sessionCookieName(false)}=${token}` };
}

async function samplesFor(hospital: Hospital): Promise<Samples> {
  const patient = await createTestPatient(hospital.id, { fullName: "Lê Thị Cửa" });
  // A visit with one lab order (tests/integration/order-fixtures.ts, until reception's visits land).
  const catalog = await createOrderCatalog(hospital.id);
  const { visitId, orderId } = await createTestVisitWithOrder(hospital.id, catalog);
  await createTestStaff(hospital.id, ["nurse"]);
  const [member] = await withTenant(hospital.id, systemActor("tests"), listMembers);
  const [role] = await withTenant(hospital.id, systemActor("tests"), listRoles);
  // An export request (decision 053), not built: its download link goes back to the export page.
  const requested = await withTenant(hospital.id, systemActor("tests"), requestExport);
  if (!requested.ok) throw new Error("door test: could not request an export");
  return { patientId: patient.id, visitId, orderId, membershipId: member!.id, roleId: role!.id, exportId: requested.id };
}

beforeAll(async () => {
  [active, readOnly, elsewhere] = await Promise.all([
    createTestHospital("Bệnh viện Cửa"),
    createTestHospital("Bệnh viện Chỉ đọc"),
    createTestHospital("Bệnh viện Khác"),
  ]);
  for (const hospital of [active, readOnly, elsewhere]) samples.set(hospital.id, await samplesFor(hospital));
  await withPlatform("test: degrade to read-only", (p) => p.db.update(tenants).set({ status: "read_only" }).where(eq(tenants.id, readOnly.id)));

  everyRoleActive = await personWith(active.id, [...STAFF_ROLES]);
  everyRoleReadOnly = await personWith(readOnly.id, [...STAFF_ROLES]);
  // A stranger to `elsewhere`: signed in, with every role, in another hospital.
  stranger = everyRoleActive;
  // The hospital's own roles (data, decision 038), not a list in code: whatever roles it defines.
  const roles = await withTenant(active.id, systemActor("tests"), listRoles);
  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    // Every active role of the hospital that does not hold the permission (possibly none at all).
    const without = roles.filter((role) => role.active && !role.permissions.includes(permission)).map((role) => role.code);
    lacking.set(permission, await personWith(active.id, without));
  }
  insider = await personWith(elsewhere.id, [...STAFF_ROLES]);
});

function urlOf(fullPath: string, hospital: Hospital): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = { hospital: hospital.slug };
  const url = fullPath.replace(/:(\w+)/g, (_, name: string) => {
    if (name === "hospital") return hospital.slug;
    const value = samples.get(hospital.id)?.[name];
    if (value === undefined) throw new Error(`door test: add a sample value for :${name} in samplesFor()`);
    params[name] = value;
    return encodeURIComponent(value);
  });
  return { url, params };
}

type Handler = "loader" | "action";

async function call(door: (typeof hospitalDoors)[number], handler: Handler, hospital: Hospital, person: Person | null): Promise<Outcome> {
  const module = await moduleOf(door.file);
  const run = module[handler]!;
  const { url, params } = urlOf(door.fullPath, hospital);
  const request = handler === "loader" ? get(url, person?.cookie) : post(url, {}, person?.cookie);
  return settle(() => run({ request, context: fakeContext(), params }));
}

const handlers = hospitalDoors.flatMap((door) => {
  const list: { door: (typeof hospitalDoors)[number]; handler: Handler; permission: Permission | typeof ANY_MEMBER }[] = [
    { door, handler: "loader", permission: door.loader },
  ];
  if (door.action) list.push({ door, handler: "action", permission: door.action });
  return list;
});

const describeHandler = (h: (typeof handlers)[number]) => `${h.door.fullPath} ${h.handler} in ${h.door.file} (${h.permission})`;

describe.each(handlers.map((h) => [describeHandler(h), h] as const))("%s", (_, { door, handler, permission }) => {
  it("answers a stranger 404, never 403, where the hospital's own staff get in", async () => {
    // A non-member must not learn that the hospital exists. The insider proves the 404 is the door's,
    // not a sample that does not exist.
    const outcome = await call(door, handler, elsewhere, stranger);
    expect(outcome.status).toBe(404);
    const own = await call(door, handler, elsewhere, insider);
    expect([403, 404]).not.toContain(own.status);
  });

  it("sends a signed-out request to sign-in, remembering where it was going", async () => {
    const outcome = await call(door, handler, active, null);
    expect(outcome.status).toBe(302);
    const { url } = urlOf(door.fullPath, active);
    expect(outcome.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(url)}`);
  });

  it.runIf(permission !== ANY_MEMBER)("answers 403 to a member whose roles lack the permission", async () => {
    const outcome = await call(door, handler, active, lacking.get(permission as Permission)!);
    expect(outcome.status).toBe(403);
  });

  it("lets in a member who holds the permission", async () => {
    const outcome = await call(door, handler, active, everyRoleActive);
    expect([403, 404]).not.toContain(outcome.status);
    expect(outcome.headers.get("Location") ?? "").not.toMatch(/^\/sign-in/);
  });

  const isWrite = permission !== ANY_MEMBER && isWritePermission(permission);
  it(isWrite ? "is refused (403) in a read-only hospital" : "stays open in a read-only hospital", async () => {
    const outcome = await call(door, handler, readOnly, everyRoleReadOnly);
    if (isWrite) expect(outcome.status).toBe(403);
    else expect([403, 404]).not.toContain(outcome.status);
  });
});

describe.each(flatten(SIGNED_IN_ROUTES).map((r) => [r.path, r] as const))("signed-in route %s", (path, { file }) => {
  it("sends a signed-out request to sign-in", async () => {
    const module = await moduleOf(file);
    const outcome = await settle(() => module.loader!({ request: get(path), context: fakeContext(), params: {} }));
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(path)}`);
  });
});
