// Every route of the application, in one table, grouped by the door a request comes through
// (docs/architecture.md §1; docs/decisions/016-route-table-and-door.md). A file in app/routes/ that is not listed
// here is never served, and tests/integration/door.test.ts fails on it.
//
// Hospital routes also declare the permission their loader and their action require. The route module
// checks it (requireMember(..., permission)); the door test reads this table and proves every one of
// them: a stranger gets 404, a signed-out request goes to sign-in, a member without the permission gets
// 403, a read-only hospital refuses every write.
import { index, prefix, route, type RouteConfig, type RouteConfigEntry } from "@remix-run/route-config";
import type { PlatformStaffRole } from "~db/schema";
import type { Permission } from "./auth/permissions";

/** Any member of the hospital may pass, whatever their roles: the layout and redirects. */
export const ANY_MEMBER = "any member";

export type HospitalRoute = {
  file: string;
  /** Below /h/:hospital; absent for the hospital's index. */
  path?: string;
  loader: Permission | typeof ANY_MEMBER;
  /**
   * Absent when the route has no action. An action changes data, so it needs a write (or set-up)
   * permission, or a read whose action only records a request (opensInAction: data:export).
   */
  action?: Permission;
  /**
   * A file download (an export's archive): a resource route with no component, whose response is the
   * file itself, streamed; its refusals are the door's as for any page (404, 403, sign-in).
   */
  download?: true;
  /**
   * The file of the layout route (in this table) it renders inside; absent for the hospital's layout.
   * `path` stays the whole path below /h/:hospital; the nesting is the layout's only.
   */
  within?: string;
};

/** The door of every hospital page: /h/:hospital. Only members get past it. */
export const HOSPITAL_LAYOUT = { file: "routes/h.$hospital.tsx", loader: ANY_MEMBER } as const;

const SETTINGS_LAYOUT = "routes/h.$hospital.settings.tsx";
const SETUP_LAYOUT = "routes/h.$hospital.setup.tsx";

export const HOSPITAL_ROUTES: readonly HospitalRoute[] = [
  { file: "routes/h.$hospital._index.tsx", loader: ANY_MEMBER },
  { path: "patients", file: "routes/h.$hospital.patients._index.tsx", loader: "patient:read" },
  { path: "patients/new", file: "routes/h.$hospital.patients.new.tsx", loader: "patient:write", action: "patient:write" },
  { path: "patients/:patientId", file: "routes/h.$hospital.patients.$patientId.tsx", loader: "patient:read", action: "patient:write" },
  // Orders, results, prescriptions and printouts of a visit (app/orders, app/prescriptions, app/print).
  { path: "visits/:visitId/orders", file: "routes/h.$hospital.visits.$visitId.orders.tsx", loader: "visit:read", action: "order:write" },
  { path: "visits/:visitId/prescription", file: "routes/h.$hospital.visits.$visitId.prescription.tsx", loader: "visit:read", action: "prescription:write" },
  { path: "visits/:visitId/print/prescription", file: "routes/h.$hospital.visits.$visitId.print.prescription.tsx", loader: "visit:read" },
  { path: "visits/:visitId/print/record", file: "routes/h.$hospital.visits.$visitId.print.record.tsx", loader: "visit:read" },
  { path: "lab", file: "routes/h.$hospital.lab._index.tsx", loader: "visit:read" },
  { path: "lab/:orderId", file: "routes/h.$hospital.lab.$orderId.tsx", loader: "visit:read", action: "result:write" },
  // Settings (app/settings/sections.ts): a layout with the sections' navigation, each section its own pages.
  { path: "settings", file: SETTINGS_LAYOUT, loader: ANY_MEMBER },
  { path: "settings", file: "routes/h.$hospital.settings._index.tsx", loader: ANY_MEMBER, within: SETTINGS_LAYOUT },
  { path: "settings/profile", within: SETTINGS_LAYOUT, file: "routes/h.$hospital.settings.profile.tsx", loader: "settings:manage", action: "settings:manage" },
  { path: "settings/staff", file: "routes/h.$hospital.settings.staff._index.tsx", loader: "staff:manage", within: SETTINGS_LAYOUT },
  {
    path: "settings/staff/:membershipId",
    file: "routes/h.$hospital.settings.staff.$membershipId.tsx",
    loader: "staff:manage",
    action: "staff:manage",
    within: SETTINGS_LAYOUT,
  },
  { path: "settings/roles", file: "routes/h.$hospital.settings.roles._index.tsx", loader: "staff:manage", within: SETTINGS_LAYOUT },
  { path: "settings/roles/new", file: "routes/h.$hospital.settings.roles.new.tsx", loader: "staff:manage", action: "staff:manage", within: SETTINGS_LAYOUT },
  {
    path: "settings/roles/:roleId",
    file: "routes/h.$hospital.settings.roles.$roleId.tsx",
    loader: "staff:manage",
    action: "staff:manage",
    within: SETTINGS_LAYOUT,
  },
  // The practice copy: open, reset, and each person's guided tasks (decision 043).
  { path: "training", file: "routes/h.$hospital.training.tsx", loader: "settings:manage", action: "settings:manage" },
  // The set-up wizard (issue 7): a layout with the steps' progress, its index (the first unfinished
  // step), and one route per step (app/setup/steps.ts).
  { path: "setup", file: SETUP_LAYOUT, loader: "settings:manage", action: "settings:manage" },
  { path: "setup", within: SETUP_LAYOUT, file: "routes/h.$hospital.setup._index.tsx", loader: "settings:manage" },
  { path: "setup/profile", within: SETUP_LAYOUT, file: "routes/h.$hospital.setup.profile.tsx", loader: "settings:manage", action: "settings:manage" },
  { path: "setup/staff", within: SETUP_LAYOUT, file: "routes/h.$hospital.setup.staff.tsx", loader: "staff:manage", action: "staff:manage" },
  { path: "setup/review", within: SETUP_LAYOUT, file: "routes/h.$hospital.setup.review.tsx", loader: "settings:manage", action: "settings:manage" },
  // Templates (decision 040): wizard steps 2, 3, 5 and the settings pages that edit the same data.
  { path: "setup/template", within: SETUP_LAYOUT, file: "routes/h.$hospital.setup.template.tsx", loader: "settings:manage", action: "settings:manage" },
  { path: "setup/departments", within: SETUP_LAYOUT, file: "routes/h.$hospital.setup.departments.tsx", loader: "settings:manage", action: "settings:manage" },
  { path: "setup/services", within: SETUP_LAYOUT, file: "routes/h.$hospital.setup.services.tsx", loader: "settings:manage", action: "settings:manage" },
  { path: "settings/departments", within: SETTINGS_LAYOUT, file: "routes/h.$hospital.settings.departments.tsx", loader: "settings:manage", action: "settings:manage" },
  { path: "settings/services", within: SETTINGS_LAYOUT, file: "routes/h.$hospital.settings.services.tsx", loader: "settings:manage", action: "settings:manage" },
  { path: "settings/formulary", within: SETTINGS_LAYOUT, file: "routes/h.$hospital.settings.formulary.tsx", loader: "settings:manage", action: "settings:manage" },
  { path: "settings/forms", within: SETTINGS_LAYOUT, file: "routes/h.$hospital.settings.forms.tsx", loader: "settings:manage", action: "settings:manage" },
  { path: "settings/template", within: SETTINGS_LAYOUT, file: "routes/h.$hospital.settings.template.tsx", loader: "settings:manage", action: "settings:manage" },
  // The hospital's data export (decision 053): data:export is a read whose action only records a request.
  { path: "settings/export", within: SETTINGS_LAYOUT, file: "routes/h.$hospital.settings.export.tsx", loader: "data:export", action: "data:export" },
  { path: "settings/export/:exportId/download", file: "routes/h.$hospital.settings.export.$exportId.download.tsx", loader: "data:export", download: true },
  // Support access (decision 059): the hospital decides on the vendor's requests; its audit log.
  { path: "settings/support", within: SETTINGS_LAYOUT, file: "routes/h.$hospital.settings.support.tsx", loader: "staff:manage", action: "staff:manage" },
  { path: "settings/audit", within: SETTINGS_LAYOUT, file: "routes/h.$hospital.settings.audit.tsx", loader: "audit:read" },
  // Reception (issue 8): the desk, starting a visit, the visit slip.
  { path: "reception", file: "routes/h.$hospital.reception._index.tsx", loader: "patient:read" },
  { path: "reception/visit/:patientId", file: "routes/h.$hospital.reception.visit.$patientId.tsx", loader: "visit:register", action: "visit:register" },
  { path: "reception/slip/:visitId", file: "routes/h.$hospital.reception.slip.$visitId.tsx", loader: "visit:read" },
  // The chart (a patient's summary); allergies and problems are recorded there.
  { path: "patients/:patientId/chart", file: "routes/h.$hospital.patients.$patientId.chart.tsx", loader: "patient:read", action: "note:write" },
  // The outpatient visit: worklists per room, then the visit's tabs (app/visits/visit-tabs.ts).
  { path: "worklist", file: "routes/h.$hospital.worklist.tsx", loader: "visit:read", action: "note:write" },
  { path: "visits/:visitId", file: "routes/h.$hospital.visits.$visitId.tsx", loader: "visit:read", action: "vitals:write" },
  { path: "visits/:visitId/note", file: "routes/h.$hospital.visits.$visitId.note.tsx", loader: "visit:read", action: "note:write" },
  { path: "visits/:visitId/diagnoses", file: "routes/h.$hospital.visits.$visitId.diagnoses.tsx", loader: "visit:read", action: "note:write" },
  { path: "visits/:visitId/sign", file: "routes/h.$hospital.visits.$visitId.sign.tsx", loader: "visit:read", action: "visit:sign" },
];

/** Any signed-in staff member (both factors), whatever their role. */
export const ANY_STAFF = "any staff";

/**
 * The vendor's console (issue 9): /admin and below, for platform staff only (decision 055). The layout
 * (routes/admin.tsx) is the door: requireStaff() sends anyone without a complete staff session, hospital
 * users included, to the staff sign-in. Each page names the staff roles its loader and its action accept;
 * tests/integration/admin-door.test.ts proves every one of them.
 */
export type AdminRoute = {
  file: string;
  /** Below /admin; absent for the console's index. */
  path?: string;
  loader: readonly PlatformStaffRole[] | typeof ANY_STAFF;
  action?: readonly PlatformStaffRole[] | typeof ANY_STAFF;
};

export const ADMIN_LAYOUT = { file: "routes/admin.tsx", loader: ANY_STAFF } as const;

export const ADMIN_ROUTES: readonly AdminRoute[] = [
  { file: "routes/admin._index.tsx", loader: ANY_STAFF },
  // Staff accounts (app/auth/platform-staff.server.ts: the identity scope is app/auth/'s alone).
  { path: "staff", file: "routes/admin.staff.tsx", loader: ["owner"], action: ["owner"] },
  // The console: tenants, templates, operations (app/admin/console/). Every staff role reads; operations
  // and owner act (suspend, reactivate, extend a trial, resend an invitation; retry a job, verify a chain).
  { path: "tenants", file: "routes/admin.tenants._index.tsx", loader: ANY_STAFF },
  { path: "tenants/:id", file: "routes/admin.tenants.$id.tsx", loader: ANY_STAFF, action: ["operations", "owner"] },
  { path: "templates", file: "routes/admin.templates.tsx", loader: ANY_STAFF },
  { path: "operations", file: "routes/admin.operations.tsx", loader: ANY_STAFF, action: ["operations", "owner"] },
  // Support access (app/support/): a staff member's requests, a new request, owners' emergency confirmations.
  { path: "support", file: "routes/admin.support._index.tsx", loader: ANY_STAFF, action: ANY_STAFF },
  { path: "support/new", file: "routes/admin.support.new.tsx", loader: ANY_STAFF, action: ANY_STAFF },
];

/** Before the console's door: the staff sign-in and its second step, the staff sign-out. */
export const STAFF_PUBLIC_ROUTES: readonly RouteConfigEntry[] = [
  route("admin/sign-in", "routes/admin.sign-in.tsx"),
  route("admin/sign-in/enrol", "routes/admin.sign-in.enrol.tsx"),
  route("admin/sign-in/code", "routes/admin.sign-in.code.tsx"),
  route("admin/sign-out", "routes/admin.sign-out.tsx"),
];

/** The route table's entries under one layout of it (none: the hospital's own), nested as Remix wants. */
function hospitalChildren(layout?: { file: string; path: string }): RouteConfigEntry[] {
  return HOSPITAL_ROUTES.filter((r) => r.within === layout?.file).map((r) => {
    // Below the layout's own path: the layout's index has none left.
    const below = layout && r.path !== undefined ? r.path.slice(layout.path.length).replace(/^\//, "") : r.path;
    if (below === undefined || below === "") return index(r.file);
    const children = r.path !== undefined && HOSPITAL_ROUTES.some((c) => c.within === r.file) ? hospitalChildren({ file: r.file, path: r.path }) : undefined;
    return route(below, r.file, children);
  });
}

/** Anyone, signed in or not. */
const publicDoor: RouteConfigEntry[] = [
  index("routes/_index.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  // A hospital signs itself up; the e-mailed links of verification and invitations (issue 7).
  route("sign-up", "routes/sign-up.tsx"),
  route("verify/:token", "routes/verify.$token.tsx"),
  route("invite/:token", "routes/invite.$token.tsx"),
  route("language", "routes/language.tsx"),
  // The session's deadline for the idle warning; null when signed out (decision 027).
  route("session", "routes/session.ts"),
  route("healthz", "routes/healthz.ts"),
];

/** Any signed-in person, before a hospital is chosen. */
export const SIGNED_IN_ROUTES: readonly RouteConfigEntry[] = prefix("h", [index("routes/h._index.tsx")]);

const hospitalDoor: RouteConfigEntry[] = prefix("h", [
  route(":hospital", HOSPITAL_LAYOUT.file, hospitalChildren()),
]);

const adminDoor: RouteConfigEntry[] = [
  ...STAFF_PUBLIC_ROUTES,
  route("admin", ADMIN_LAYOUT.file, ADMIN_ROUTES.map((r) => (r.path === undefined ? index(r.file) : route(r.path, r.file)))),
];

/** Whatever no other route claims: a 404 in the person's language. */
const fallback: RouteConfigEntry[] = [route("*", "routes/$.tsx")];

export default [...publicDoor, ...SIGNED_IN_ROUTES, ...hospitalDoor, ...adminDoor, ...fallback] satisfies RouteConfig;
