// The door test for support sessions (decision 059): every hospital loader and action of the route
// table, tried by a platform staff member (a complete staff session, no hospital membership). Without a
// grant: 404, like a stranger. Under a "view" grant: in where the grant names the permission, 403
// where it does not (every action: "view" names no write), 404 in any other hospital. After the
// hospital revokes the grant: 404 again, on the very next request. Derived from the table, as door.test.ts.
import { requestExport } from "~/exports/exports.server";
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor, withTenant } from "~db/scope.server";
import type { Permission } from "~/auth/permissions";
import { listMembers } from "~/staff/members.server";
import { listRoles } from "~/staff/roles.server";
import { ANY_MEMBER, HOSPITAL_LAYOUT, HOSPITAL_ROUTES, type HospitalRoute } from "~/routes";
import { decideSupportGrant, findHospitalForSupport, requestSupportGrant } from "~/support/grants.server";
import { presetPermissions } from "~/support/presets";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";
import { fakeContext, get, post, settle, type Outcome } from "../support/http";
import { createTestPlatformStaff } from "../support/staff";
import { createOrderCatalog, createTestVisitWithOrder } from "./order-fixtures";

type RouteModule = { loader?: LoaderFunction; action?: ActionFunction };
const modules = import.meta.glob<RouteModule>(["/app/routes/**/*.{ts,tsx}", "!/app/routes/**/*.test.{ts,tsx}"]);

const HOSPITAL_PREFIX = "/h/:hospital";
const doors: (HospitalRoute & { fullPath: string })[] = [
  { ...HOSPITAL_LAYOUT, fullPath: HOSPITAL_PREFIX },
  ...HOSPITAL_ROUTES.map((r) => ({ ...r, fullPath: r.path ? `${HOSPITAL_PREFIX}/${r.path}` : HOSPITAL_PREFIX })),
];

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;
let hospital: Hospital;
let other: Hospital;
const samples = new Map<string, Record<string, string>>();
let withoutGrant: Awaited<ReturnType<typeof createTestPlatformStaff>>;
let viewer: Awaited<ReturnType<typeof createTestPlatformStaff>>;
let grantId: string;
let adminId: string;
const VIEW = presetPermissions("view");

async function samplesFor(h: Hospital) {
  const patient = await createTestPatient(h.id, { fullName: "Lê Thị Cửa" });
  const catalog = await createOrderCatalog(h.id);
  const { visitId, orderId } = await createTestVisitWithOrder(h.id, catalog);
  const [member] = await withTenant(h.id, systemActor("tests"), listMembers);
  const [role] = await withTenant(h.id, systemActor("tests"), listRoles);
  // An export request (decision 053), not built: its download link goes back to the export page.
  const requested = await withTenant(h.id, systemActor("tests"), requestExport);
  if (!requested.ok) throw new Error("support door test: could not request an export");
  return { patientId: patient.id, visitId, orderId, membershipId: member!.id, roleId: role!.id, exportId: requested.id };
}

beforeAll(async () => {
  hospital = await createTestHospital("Bệnh viện Cửa hỗ trợ");
  other = await createTestHospital("Bệnh viện Khác hỗ trợ");
  adminId = (await createTestStaff(hospital.id, ["admin"])).id;
  await createTestStaff(other.id, ["admin"]);
  for (const h of [hospital, other]) samples.set(h.id, await samplesFor(h));
  withoutGrant = await createTestPlatformStaff("support");
  viewer = await createTestPlatformStaff("support");
  grantId = await requestSupportGrant((await findHospitalForSupport(hospital.id))!, { id: viewer.id, displayName: "Viewer" }, { reason: "Door test", preset: "view", minutes: 60, emergency: false }, "http://localhost");
  await withTenant(hospital.id, { kind: "user", userId: adminId, address: "10.0.0.1" }, (t) => decideSupportGrant(t, grantId, "approve"));
});

async function call(door: (typeof doors)[number], handler: "loader" | "action", h: Hospital, cookie: string): Promise<Outcome> {
  const module = await modules[`/app/${door.file}`]!();
  const params: Record<string, string> = { hospital: h.slug };
  const url = door.fullPath.replace(/:(\w+)/g, (_, name: string) => {
    if (name === "hospital") return h.slug;
    const value = samples.get(h.id)![name];
    if (value === undefined) throw new Error(`support door test: add a sample value for :${name}`);
    params[name] = value;
    return encodeURIComponent(value);
  });
  const request = handler === "loader" ? get(url, cookie) : post(url, {}, cookie);
  return settle(() => module[handler]!({ request, context: fakeContext(), params }));
}

const handlers = doors.flatMap((door) => [
  { door, handler: "loader" as const, permission: door.loader },
  ...(door.action ? [{ door, handler: "action" as const, permission: door.action }] : []),
]);

describe.each(handlers.map((h) => [`${h.door.fullPath} ${h.handler} (${h.permission})`, h] as const))("%s", (_, { door, handler, permission }) => {
  it("answers a staff member without a grant 404", async () => {
    expect((await call(door, handler, hospital, withoutGrant.cookie)).status).toBe(404);
  });

  it("answers a staff member under a view grant as the grant says, and 404 in another hospital", async () => {
    const outcome = await call(door, handler, hospital, viewer.cookie);
    const granted = handler === "loader" && (permission === ANY_MEMBER || VIEW.includes(permission as Permission));
    if (granted) {
      expect([403, 404], `${outcome.status}`).not.toContain(outcome.status);
      expect(outcome.headers.get("Location") ?? "").not.toMatch(/^\/sign-in/);
    } else {
      expect(outcome.status).toBe(403);
    }
    expect((await call(door, handler, other, viewer.cookie)).status).toBe(404);
  });
});

describe("after the hospital revokes the grant", () => {
  it("every handler answers the staff member 404 on the next request", async () => {
    await withTenant(hospital.id, { kind: "user", userId: adminId, address: "10.0.0.1" }, (t) => decideSupportGrant(t, grantId, "revoke"));
    for (const { door, handler } of handlers) {
      expect((await call(door, handler, hospital, viewer.cookie)).status, `${door.fullPath} ${handler}`).toBe(404);
    }
  });
});
