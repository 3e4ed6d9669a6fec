// Every route of the application, in one table, grouped by the door a request comes through
// (docs/architecture.md §1; docs/decisions/016-route-table-and-door.md). A file in app/routes/ that is not listed
// here is never served, and tests/integration/door.test.ts fails on it.
//
// Hospital routes also declare the permission their loader and their action require. The route module
// checks it (requireMember(..., permission)); the door test reads this table and proves every one of
// them: a stranger gets 404, a signed-out request goes to sign-in, a member without the permission gets
// 403, a read-only hospital refuses every write.
import { index, prefix, route, type RouteConfig, type RouteConfigEntry } from "@remix-run/route-config";
import type { Permission } from "./auth/permissions";

/** Any member of the hospital may pass, whatever their roles: the layout and redirects. */
export const ANY_MEMBER = "any member";

export type HospitalRoute = {
  file: string;
  /** Below /h/:hospital; absent for the hospital's index. */
  path?: string;
  loader: Permission | typeof ANY_MEMBER;
  /** Absent when the route has no action. An action changes data, so it needs a write permission. */
  action?: Permission;
};

/** The door of every hospital page: /h/:hospital. Only members get past it. */
export const HOSPITAL_LAYOUT = { file: "routes/h.$hospital.tsx", loader: ANY_MEMBER } as const;

export const HOSPITAL_ROUTES: readonly HospitalRoute[] = [
  { file: "routes/h.$hospital._index.tsx", loader: ANY_MEMBER },
  { path: "patients", file: "routes/h.$hospital.patients._index.tsx", loader: "patient:read" },
  { path: "patients/new", file: "routes/h.$hospital.patients.new.tsx", loader: "patient:write", action: "patient:write" },
  { path: "patients/:patientId", file: "routes/h.$hospital.patients.$patientId.tsx", loader: "patient:read", action: "patient:write" },
  // The chart (a patient's summary); allergies and problems are recorded there.
  { path: "patients/:patientId/chart", file: "routes/h.$hospital.patients.$patientId.chart.tsx", loader: "patient:read", action: "note:write" },
  // The outpatient visit: worklists per room, then the visit's tabs (app/visits/visit-tabs.ts).
  { path: "worklist", file: "routes/h.$hospital.worklist.tsx", loader: "visit:read", action: "note:write" },
  { path: "visits/:visitId", file: "routes/h.$hospital.visits.$visitId.tsx", loader: "visit:read", action: "vitals:write" },
  { path: "visits/:visitId/note", file: "routes/h.$hospital.visits.$visitId.note.tsx", loader: "visit:read", action: "note:write" },
  { path: "visits/:visitId/diagnoses", file: "routes/h.$hospital.visits.$visitId.diagnoses.tsx", loader: "visit:read", action: "note:write" },
  { path: "visits/:visitId/sign", file: "routes/h.$hospital.visits.$visitId.sign.tsx", loader: "visit:read", action: "visit:sign" },
];

/** Anyone, signed in or not. */
const publicDoor: RouteConfigEntry[] = [
  index("routes/_index.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("language", "routes/language.tsx"),
  // The session's deadline for the idle warning; null when signed out (decision 027).
  route("session", "routes/session.ts"),
  route("healthz", "routes/healthz.ts"),
];

/** Any signed-in person, before a hospital is chosen. */
export const SIGNED_IN_ROUTES: readonly RouteConfigEntry[] = prefix("h", [index("routes/h._index.tsx")]);

const hospitalDoor: RouteConfigEntry[] = prefix("h", [
  route(
    ":hospital",
    HOSPITAL_LAYOUT.file,
    HOSPITAL_ROUTES.map((r) => (r.path === undefined ? index(r.file) : route(r.path, r.file))),
  ),
]);

/** Whatever no other route claims: a 404 in the person's language. */
const fallback: RouteConfigEntry[] = [route("*", "routes/$.tsx")];

export default [...publicDoor, ...SIGNED_IN_ROUTES, ...hospitalDoor, ...fallback] satisfies RouteConfig;
