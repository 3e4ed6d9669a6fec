// Permissions are data, checked in one place (docs/architecture.md §4; docs/decisions/017-permissions-as-data.md).
// Each permission has a kind, and the hospital's state decides which kinds it may use, never how the
// permission is spelled:
// - read: every state a member can enter (a read-only hospital keeps reading and printing);
// - setup: the hospital's own configuration (profile, staff, rooms, services), also while onboarding;
// - write: clinical and reception work, only once the hospital is live (trial or active).
// Roles hold permissions. Adding a permission is one line here and one grant per role that holds it.
import type { StaffRole, TenantStatus } from "~db/schema";

export type PermissionKind = "read" | "setup" | "write";

export type PermissionDefinition = {
  kind: PermissionKind;
  /** What the permission allows, for people (a key in the auth namespace), e.g. a future role editor. */
  description: string;
};

export const PERMISSIONS = {
  "patient:read": { kind: "read", description: "permissions.patientRead" },
  "patient:write": { kind: "write", description: "permissions.patientWrite" },
  // The visit, from the queue to the signed note (the outpatient workflow).
  "visit:read": { kind: "read", description: "permissions.visitRead" },
  "visit:register": { kind: "write", description: "permissions.visitRegister" },
  "vitals:write": { kind: "write", description: "permissions.vitalsWrite" },
  "note:write": { kind: "write", description: "permissions.noteWrite" },
  "order:write": { kind: "write", description: "permissions.orderWrite" },
  "result:write": { kind: "write", description: "permissions.resultWrite" },
  "prescription:write": { kind: "write", description: "permissions.prescriptionWrite" },
  "visit:sign": { kind: "write", description: "permissions.visitSign" },
  // The hospital's own set-up.
  "staff:manage": { kind: "setup", description: "permissions.staffManage" },
  "settings:manage": { kind: "setup", description: "permissions.settingsManage" },
  "audit:read": { kind: "read", description: "permissions.auditRead" },
} as const satisfies Record<string, PermissionDefinition>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLE_PERMISSIONS = {
  admin: ["patient:read", "patient:write", "visit:read", "visit:register", "staff:manage", "settings:manage", "audit:read"],
  doctor: ["patient:read", "patient:write", "visit:read", "note:write", "order:write", "prescription:write", "visit:sign"],
  nurse: ["patient:read", "patient:write", "visit:read", "vitals:write"],
  receptionist: ["patient:read", "patient:write", "visit:read", "visit:register"],
  pharmacist: ["patient:read", "visit:read"],
  cashier: ["patient:read", "visit:read"],
  lab: ["patient:read", "visit:read", "result:write"],
  imaging: ["patient:read", "visit:read", "result:write"],
} as const satisfies Record<StaffRole, readonly Permission[]>;

/** The two tables together: what each permission is, and which roles hold it. */
export type AccessPolicy<P extends string> = {
  permissions: Readonly<Record<P, PermissionDefinition>>;
  roles: Readonly<Record<StaffRole, readonly P[]>>;
};

export const ACCESS_POLICY: AccessPolicy<Permission> = { permissions: PERMISSIONS, roles: ROLE_PERMISSIONS };

/** Who is asking, as far as permissions go: their roles in a hospital, and that hospital's state. */
export type Access = { roles: readonly StaffRole[]; status: TenantStatus };

/** Which kinds of permission each state of a hospital may use (docs/architecture.md §6). */
export const KINDS_BY_STATUS: Readonly<Record<TenantStatus, readonly PermissionKind[]>> = {
  onboarding: ["read", "setup"],
  trial: ["read", "setup", "write"],
  active: ["read", "setup", "write"],
  read_only: ["read"],
  suspended: [],
};

/**
 * Whether these roles grant the permission, and whether the hospital's state allows its kind. Billing
 * trouble degrades a hospital to read-only (docs/architecture.md §6): it keeps reading its records, writes
 * nothing; a hospital still onboarding configures itself but records nothing clinical.
 */
export function allows<P extends string>(policy: AccessPolicy<P>, access: Access, permission: P): boolean {
  const granted = access.roles.some((role) => policy.roles[role]?.includes(permission));
  if (!granted) return false;
  return KINDS_BY_STATUS[access.status].includes(policy.permissions[permission].kind);
}

/** A permission that changes data (setup or write): what an action must be guarded by. */
export function isWritePermission(permission: Permission): boolean {
  return PERMISSIONS[permission].kind !== "read";
}
